import { invalidParameter } from '../../errors';
import { arity, enumArg, integerArg, isBytecode } from '../args';
import type { StepFactory } from '../plan';
import { param, paramValue } from '../params';
import { defineStep, MapStep } from '../step';
import { javaString } from './strings';

/** The date steps of TinkerPop 3.7: asDate, dateAdd, dateDiff (whole seconds). */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function asDate(x: unknown): Date {
  if (x instanceof Date) return x;
  if (typeof x === 'string' && ISO_DATE.test(x)) {
    const d = new Date(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(x) || !x.includes('T') ? x : `${x}Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  if ((typeof x === 'number' && Number.isInteger(x)) || typeof x === 'bigint') return new Date(Number(x));
  throw invalidParameter(`Can't parse ${javaString(x)} as Date.`);
}

function date(step: string, x: unknown): Date {
  if (x instanceof Date) return x;
  throw invalidParameter(`${step} can only take Date as argument, encountered: ${javaString(x)}`);
}

const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export const dateSteps: Record<string, StepFactory> = {
  asDate: (args) => (arity('asDate', args, 0), defineStep('asDate', (rt, labels) => new MapStep(rt, labels, (t) => asDate(t.object)))),
  dateAdd: (args) => {
    arity('dateAdd', args, 2);
    const unit = UNIT_MS[enumArg('dateAdd', args[0], 'DT').elementName];
    const n = integerArg('dateAdd', args[1]);
    return defineStep('dateAdd', (rt, labels) => new MapStep(rt, labels, (t) => new Date(date('dateAdd()', t.object).getTime() + n * unit)));
  },
  dateDiff: (args, c) => {
    arity('dateDiff', args, 1);
    if (!(args[0] instanceof Date) && !isBytecode(args[0]) && args[0] !== null) throw invalidParameter('dateDiff() expects a date or a traversal');
    const other = param(args[0], 'dateDiff', c);
    return defineStep('dateDiff', (rt, labels) => {
      const value = paramValue(other, rt, 'dateDiff');
      return new MapStep(rt, labels, (t) => {
        const d = date('dateDiff()', t.object);
        const o = value(t);
        if (o === null) return Math.trunc(d.getTime() / 1000);
        return Math.trunc((d.getTime() - date('dateDiff()', o).getTime()) / 1000);
      });
    });
  },
};
