import { startGremlinServer } from '../../src/embedded/server';
import { Graph, type Transaction } from '../../src/embedded/structure';
import { inferGraphSchema, type Inference, type SampleOptions } from '../../src/inference';
import { printBytecode } from '../../src/gremlin/print';
import type { Bytecode } from '../../src/gremlin/source';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig } from '../../src/neptune/config';
import { TypedSchemaError, typedSchemaModule } from '../../src/gateway/typed-schema';

export interface MeasuredInference extends Inference {
  /** Most requests that were in flight at one time. */
  readonly peakInFlight: number;
  /** Every request sent, as printed bytecode. */
  readonly sent: readonly string[];
}

/**
 * Infers the schema of `graph` the way `nereid infer-schema` reads a live one: an embedded Gremlin Server on a
 * loopback port, the real driver over WebSocket. The client is wrapped only to watch what it is asked to send.
 */
export async function inferFrom(graph: Graph, options: Partial<SampleOptions> = {}): Promise<MeasuredInference> {
  const server = await startGremlinServer({ graphs: { g: graph } });
  const client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: server.url }));
  let inFlight = 0;
  let peakInFlight = 0;
  const sent: string[] = [];
  const watched = {
    async submit(bytecode: Bytecode, submitOptions: { readonly mode: 'read' | 'write' }) {
      sent.push(printBytecode(bytecode));
      peakInFlight = Math.max(peakInFlight, ++inFlight);
      try {
        return await client.submit(bytecode, submitOptions);
      } finally {
        inFlight--;
      }
    },
  };
  try {
    return { ...(await inferGraphSchema(watched, options)), peakInFlight, sent };
  } finally {
    await client.close();
    await server.close();
  }
}

export function graphOf(fill: (tx: Transaction) => void): Graph {
  const graph = new Graph();
  graph.transact(fill);
  return graph;
}

/** The SDL of one type, from `type Name` to its closing brace. */
export function typeSdl(sdl: string, name: string): string {
  const match = new RegExp(`^type ${name} [^\\n]*\\{\\n[\\s\\S]*?^\\}`, 'm').exec(sdl);
  if (!match) throw new Error(`no type ${name} in:\n${sdl}`);
  return match[0];
}

/** What the typed layer finds wrong with an SDL: nothing when `nereid serve --schema` would serve it. */
export function servable(sdl: string): string[] {
  try {
    typedSchemaModule(sdl);
    return [];
  } catch (err) {
    if (err instanceof TypedSchemaError) return err.problems.map((p) => p.message);
    throw err;
  }
}
