import type { PlanRewrite, StepFactory } from '../plan';
import { connectiveSteps, infixConnectives } from './connective';
import { branchSteps } from './branch';
import { dateSteps } from './dates';
import { elementSteps } from './element';
import { filterSteps } from './filters';
import { groupSteps } from './group';
import { hasSteps } from './has';
import { historySteps } from './history';
import { identitySteps } from './identity';
import { listSteps } from './lists';
import { mapSteps } from './maps';
import { matchSteps } from './match';
import { mathSteps } from './math';
import { mergeSteps } from './merge';
import { mutationSteps } from './mutation';
import { orderSteps } from './order';
import { rangeSteps } from './range';
import { reduceSteps } from './reduce';
import { refusedSteps } from './refused';
import { repeatSteps } from './repeat';
import { sideEffectSteps } from './sideeffect';
import { sourceSteps } from './source';
import { valueLookups } from './value-lookup';
import { stringSteps } from './strings';
import { vertexSteps } from './vertex';
import { whereSteps } from './where';

/**
 * Step name → factory. Each family lives in its own file and exports a record of factories; adding a family
 * means adding one file and one line here. A name defined twice is a programming error caught at load.
 */
const families: ReadonlyArray<Record<string, StepFactory>> = [
  sourceSteps,
  vertexSteps,
  hasSteps,
  identitySteps,
  elementSteps,
  rangeSteps,
  reduceSteps,
  mutationSteps,
  orderSteps,
  historySteps,
  branchSteps,
  repeatSteps,
  sideEffectSteps,
  groupSteps,
  filterSteps,
  whereSteps,
  mapSteps,
  connectiveSteps,
  stringSteps,
  listSteps,
  dateSteps,
  mathSteps,
  mergeSteps,
  matchSteps,
  refusedSteps,
];

const registry = new Map<string, StepFactory>();
for (const family of families) {
  for (const [name, factory] of Object.entries(family)) {
    if (registry.has(name)) throw new Error(`step ${name}() is defined by two families`);
    registry.set(name, factory);
  }
}

export function stepFactory(name: string): StepFactory | undefined {
  return registry.get(name);
}

/** Rewrites applied, in order, to every traversal's step list after reading it. */
export const planRewrites: readonly PlanRewrite[] = [infixConnectives, valueLookups];
