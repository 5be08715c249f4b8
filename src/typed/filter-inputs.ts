import type { PropertyField, ValueKind } from './model';

/**
 * The comparison inputs of typed filters (`StringFilter`, `IntListFilter`, `RoleFilter`, ...): which
 * operators each value type gets, shared by the SDL generator and the filter compiler so they always agree.
 */

export type ScalarOperator = 'eq' | 'neq' | 'in' | 'notIn' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'startsWith' | 'endsWith' | 'exists';
export type ListOperator = 'includes' | 'includesAny' | 'includesAll' | 'includesNone' | 'exists';

const ORDERED: ScalarOperator[] = ['eq', 'neq', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'exists'];
const TEXT: ScalarOperator[] = ['contains', 'startsWith', 'endsWith'];
const LIST: ListOperator[] = ['includes', 'includesAny', 'includesAll', 'includesNone', 'exists'];

export function filterInputName(field: Pick<PropertyField, 'value' | 'list'>): string {
  return `${field.value.name}${field.list ? 'List' : ''}Filter`;
}

function scalarOperators(value: ValueKind): ScalarOperator[] {
  if (value.kind === 'enum') return ['eq', 'neq', 'in', 'notIn', 'exists'];
  switch (value.name) {
    case 'String':
      return [...ORDERED.slice(0, -1), ...TEXT, 'exists'];
    case 'Int':
    case 'Float':
    case 'DateTime':
      return ORDERED;
    case 'Boolean':
      return ['eq', 'neq', 'exists'];
    case 'ID':
      return ['eq', 'neq', 'in', 'notIn', 'exists'];
  }
}

const DOC: Record<ScalarOperator | ListOperator, string> = {
  eq: 'Equal to.',
  neq: 'Has the property, with another value.',
  in: 'Equal to one of these.',
  notIn: 'Has the property, with none of these values.',
  lt: 'Less than.',
  lte: 'Less than or equal to.',
  gt: 'Greater than.',
  gte: 'Greater than or equal to.',
  contains: 'Contains this text (case-sensitive).',
  startsWith: 'Starts with this text.',
  endsWith: 'Ends with this text.',
  exists: 'true: has the property; false: has not.',
  includes: 'One of the values is this.',
  includesAny: 'One of the values is one of these.',
  includesAll: 'Every one of these is among the values.',
  includesNone: 'None of these is among the values (also true without the property).',
};

/** The SDL of one filter input. */
export function filterInputSdl(field: Pick<PropertyField, 'value' | 'list'>): string {
  const type = field.value.name;
  const lines = field.list
    ? LIST.map((op) => `  "${DOC[op]}"\n  ${op}: ${op === 'exists' ? 'Boolean' : op === 'includes' ? type : `[${type}!]`}`)
    : scalarOperators(field.value).map(
        (op) => `  "${DOC[op]}"\n  ${op}: ${op === 'exists' ? 'Boolean' : op === 'in' || op === 'notIn' ? `[${type}!]` : type}`,
      );
  const what = field.list ? `a list of ${type} values (a multi-valued property)` : `a ${type} property`;
  return `"Conditions on ${what}; several in one object must all hold."\ninput ${filterInputName(field)} {\n${lines.join('\n')}\n}`;
}
