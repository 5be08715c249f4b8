import { Edge, Vertex, VertexProperty } from '../structure';
import type { Plan } from './plan';
import type { Pipeline } from './pipeline';
import type { ElementPolicy, PolicyFactory, Runtime } from './runtime';

/**
 * SubgraphStrategy and PartitionStrategy as element-visibility hooks: every step that reads elements from
 * the graph (V, E, adjacency, properties) asks the runtime whether an element is visible, instead of the
 * traversal being rewritten with extra filter steps as TinkerPop does. Same answers, no rewriting.
 */

export interface SubgraphConfig {
  readonly vertices?: Plan;
  readonly edges?: Plan;
  readonly vertexProperties?: Plan;
  readonly checkAdjacentVertices: boolean;
}

export interface PartitionConfig {
  readonly key: string;
  readonly write: string | undefined;
  readonly read: readonly string[];
  readonly includeMetaProperties: boolean;
}

export function subgraphPolicy(config: SubgraphConfig): PolicyFactory {
  return (rt) => {
    const vertexFilter = config.vertices && cachedFilter(rt, rt.pipeline(config.vertices));
    const edgeFilter = config.edges && cachedFilter(rt, rt.pipeline(config.edges));
    const propertyFilter = config.vertexProperties && cachedFilter(rt, rt.pipeline(config.vertexProperties));
    return {
      visible(element) {
        if (element instanceof Vertex) return !vertexFilter || vertexFilter(element);
        if (element instanceof Edge) {
          if (edgeFilter && !edgeFilter(element)) return false;
          return !vertexFilter || !config.checkAdjacentVertices || (vertexFilter(element.outV) && vertexFilter(element.inV));
        }
        if (element instanceof VertexProperty) return !propertyFilter || propertyFilter(element);
        return true;
      },
    };
  };
}

export function partitionPolicy(config: PartitionConfig): PolicyFactory {
  const readable = new Set(config.read);
  const inPartition = (x: unknown) => typeof x === 'string' && readable.has(x);
  return () => ({
    visible(element) {
      if (element instanceof Vertex) return element.propertiesOf(config.key).some((p) => inPartition(p.value));
      if (element instanceof Edge) return inPartition(element.value(config.key));
      if (element instanceof VertexProperty) return element.key !== config.key;
      return true;
    },
    hiddenKeys: new Set([config.key]),
    createProperties: config.write === undefined ? [] : [[config.key, config.write]],
  });
}

export function combinePolicies(...factories: (PolicyFactory | undefined)[]): PolicyFactory | undefined {
  const present = factories.filter((f): f is PolicyFactory => f !== undefined);
  if (present.length <= 1) return present[0];
  return (rt) => {
    const policies = present.map((f) => f(rt));
    return {
      visible: (element) => policies.every((p) => !p.visible || p.visible(element)),
      hiddenKeys: new Set(policies.flatMap((p) => [...(p.hiddenKeys ?? [])])),
      createProperties: policies.flatMap((p) => p.createProperties ?? []),
    } satisfies ElementPolicy;
  };
}

/**
 * A strategy filter traversal evaluated with the policy switched off (a filter may itself traverse the graph,
 * and must see it unfiltered), remembering answers per element for the execution.
 */
function cachedFilter(rt: Runtime, pipeline: Pipeline): (element: unknown) => boolean {
  const answers = new Map<unknown, boolean>();
  return (element) => {
    let answer = answers.get(element);
    if (answer === undefined) {
      answer = rt.withoutPolicy(() => pipeline.first(rt.fresh(element, [])) !== undefined);
      answers.set(element, answer);
    }
    return answer;
  };
}
