/**
 * A profile fixes the semantics that differ between Amazon Neptune and TinkerGraph (the reference
 * implementation TinkerPop's test suite is written against). The embedded server defaults to Neptune's, so
 * what works locally works in production; the conformance runner asks for TinkerGraph's.
 */
export type Cardinality = 'single' | 'set' | 'list';

export interface GraphProfile {
  readonly name: 'neptune' | 'tinkergraph';
  /** Cardinality of `property(key, value)` on a vertex when none is given. */
  readonly defaultCardinality: Cardinality;
  /** Neptune refuses `list` cardinality. */
  readonly allowListCardinality: boolean;
  /** Neptune stores scalars and dates only; TinkerGraph accepts any value, lists and maps included. */
  readonly allowCompositeValues: boolean;
}

export const NEPTUNE: GraphProfile = {
  name: 'neptune',
  defaultCardinality: 'set',
  allowListCardinality: false,
  allowCompositeValues: false,
};

export const TINKERGRAPH: GraphProfile = {
  name: 'tinkergraph',
  defaultCardinality: 'single',
  allowListCardinality: true,
  allowCompositeValues: true,
};
