import type { StepFactory } from '../plan';
import { elementSteps } from './element';
import { hasSteps } from './has';
import { identitySteps } from './identity';
import { mutationSteps } from './mutation';
import { rangeSteps } from './range';
import { reduceSteps } from './reduce';
import { sourceSteps } from './source';
import { vertexSteps } from './vertex';

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
