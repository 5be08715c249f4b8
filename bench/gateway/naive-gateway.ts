/**
 * The naive gateway the benchmark compares nereid with: the same generic schema (schema/core.graphql) served by
 * Apollo Server, with plain per-field resolvers, so every field of every parent is one Gremlin request, as a
 * first GraphQL-over-Gremlin server is usually written. It implements only the fields the benchmark's generic
 * queries select. Each response says in `extensions.gremlin.requests` how many requests it sent.
 *
 * Run: `npx tsx bench/gateway/naive-gateway.ts --gremlin ws://127.0.0.1:8182/gremlin [--port 0]`; it prints
 * `naive gateway ready at URL`.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { makeExecutableSchema } from '@graphql-tools/schema';
import gremlin from 'gremlin';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

type Traversal = gremlin.process.GraphTraversal;
const { t, order, P, cardinality } = gremlin.process;
const __ = gremlin.process.statics;

interface Context {
  /** An object, not a number: Apollo Server copies the context shallowly, and the count must survive that. */
  readonly sent: { requests: number };
  run<T = unknown>(traversal: Traversal): Promise<T[]>;
}

interface Filter {
  key?: string;
  eq?: unknown;
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
  and?: Filter[];
}

interface Order {
  key: string;
  direction?: 'ASC' | 'DESC';
}

interface PageArgs {
  labels?: string[];
  where?: Filter;
  orderBy?: Order[];
  first?: number;
}

type VertexRef = { id: string; label?: string };

const { values } = parseArgs({ options: { gremlin: { type: 'string' }, port: { type: 'string', default: '0' } } });

function filtered(traversal: Traversal, where: Filter | undefined): Traversal {
  if (!where) return traversal;
  for (const part of where.and ?? []) traversal = filtered(traversal, part);
  if (where.key === undefined) return traversal;
  if (where.eq !== undefined) traversal = traversal.has(where.key, where.eq);
  if (where.gt !== undefined) traversal = traversal.has(where.key, P.gt(where.gt));
  if (where.gte !== undefined) traversal = traversal.has(where.key, P.gte(where.gte));
  if (where.lt !== undefined) traversal = traversal.has(where.key, P.lt(where.lt));
  if (where.lte !== undefined) traversal = traversal.has(where.key, P.lte(where.lte));
  return traversal;
}

function paged(traversal: Traversal, args: PageArgs): Traversal {
  let ordered = filtered(traversal, args.where).order();
  for (const o of args.orderBy ?? []) ordered = ordered.by(o.key, o.direction === 'DESC' ? order.desc : order.asc);
  return ordered.by(t.id).limit(args.first ?? 20);
}

function neighbours(direction: 'out' | 'in' | 'both') {
  return (parent: VertexRef, args: PageArgs) => ({ parent, direction, args });
}

interface ConnectionSource {
  parent: VertexRef;
  direction: 'out' | 'in' | 'both';
  args: PageArgs;
}

const step = (source: ConnectionSource, g: gremlin.process.GraphTraversalSource): Traversal => {
  const labels = source.args.labels ?? [];
  const from = g.V(source.parent.id);
  const hop = source.direction === 'out' ? from.out(...labels) : source.direction === 'in' ? from.in_(...labels) : from.both(...labels);
  return hop.dedup();
};

function resolvers(g: gremlin.process.GraphTraversalSource) {
  const connection = {
    nodes: (s: ConnectionSource, _: unknown, ctx: Context) =>
      ctx.run<Map<string, string>>(paged(step(s, g), s.args).project('id', 'label').by(t.id).by(t.label)).then((rows) => rows.map(ref)),
    totalCount: async (s: ConnectionSource, _: unknown, ctx: Context) => (await ctx.run<number>(filtered(step(s, g), s.args.where).count()))[0],
  };
  const element = {
    label: async (v: VertexRef, _: unknown, ctx: Context) => v.label ?? (await ctx.run<string>(g.V(v.id).label()))[0],
    property: async (v: VertexRef, { key }: { key: string }, ctx: Context) => {
      const found = await ctx.run(g.V(v.id).values(key));
      return found.length === 0 ? null : found.length === 1 ? found[0] : found;
    },
  };
  return {
    Query: {
      vertex: async (_: unknown, { id }: { id: string }, ctx: Context) => (await ctx.run<Map<string, string>>(g.V(id).project('id', 'label').by(t.id).by(t.label))).map(ref)[0] ?? null,
      vertices: (_: unknown, args: PageArgs & { label?: string }) => ({ label: args.label, args }),
      shortestPath: async (_: unknown, args: { from: string; to: string; direction?: string; edgeLabels?: string[]; maxHops?: number }, ctx: Context) => {
        // Breadth first from the gateway, one request per level, as a hand-rolled resolver does it.
        const parents = new Map<string, string | null>([[args.from, null]]);
        let frontier = [args.from];
        for (let hops = 0; hops < (args.maxHops ?? 6) && frontier.length > 0 && !parents.has(args.to); hops++) {
          const labels = args.edgeLabels ?? [];
          const start = g.V(...frontier).as('from');
          const next = args.direction === 'OUT' ? start.out(...labels) : args.direction === 'IN' ? start.in_(...labels) : start.both(...labels);
          const pairs = await ctx.run<Map<string, string>>(next.project('from', 'to').by(__.select('from').id()).by(t.id));
          frontier = [];
          for (const pair of pairs) {
            const to = pair.get('to') as string;
            if (!parents.has(to)) {
              parents.set(to, pair.get('from') as string);
              frontier.push(to);
            }
          }
        }
        if (!parents.has(args.to)) return null;
        const vertices: VertexRef[] = [];
        for (let at: string | null = args.to; at !== null; at = parents.get(at) ?? null) vertices.unshift({ id: at });
        return { vertices, length: vertices.length - 1 };
      },
    },
    Mutation: {
      createVertex: async (_: unknown, { input }: { input: { id?: string; label: string; properties?: Record<string, unknown> } }, ctx: Context) => {
        let add = g.addV(input.label);
        if (input.id) add = add.property(t.id, input.id);
        for (const [key, value] of Object.entries(input.properties ?? {})) add = add.property(cardinality.single, key, value);
        return ref((await ctx.run<Map<string, string>>(add.project('id', 'label').by(t.id).by(t.label)))[0]);
      },
      createEdge: async (_: unknown, { input }: { input: { label: string; from: string; to: string } }, ctx: Context) => {
        const rows = await ctx.run<Map<string, string>>(g.V(input.to).as('to').V(input.from).addE(input.label).to('to').project('id', 'label').by(t.id).by(t.label));
        return { ...ref(rows[0]), edge: true };
      },
      updateVertex: async (_: unknown, { id, set }: { id: string; set: Record<string, unknown> }, ctx: Context) => {
        let update: Traversal = g.V(id);
        for (const [key, value] of Object.entries(set ?? {})) update = update.property(cardinality.single, key, value);
        return ref((await ctx.run<Map<string, string>>(update.project('id', 'label').by(t.id).by(t.label)))[0]);
      },
    },
    Vertex: {
      ...element,
      out: neighbours('out'),
      in: neighbours('in'),
      both: neighbours('both'),
      degree: async (v: VertexRef, _: unknown, ctx: Context) => (await ctx.run<number>(g.V(v.id).bothE().count()))[0],
    },
    Edge: {
      label: async (e: VertexRef, _: unknown, ctx: Context) => e.label ?? (await ctx.run<string>(g.E(e.id).label()))[0],
      outV: async (e: VertexRef, _: unknown, ctx: Context) => ({ id: (await ctx.run<string>(g.E(e.id).outV().id()))[0] }),
      inV: async (e: VertexRef, _: unknown, ctx: Context) => ({ id: (await ctx.run<string>(g.E(e.id).inV().id()))[0] }),
    },
    VertexConnection: {
      nodes: (s: ConnectionSource & { label?: string }, _: unknown, ctx: Context) =>
        'parent' in s && s.parent
          ? connection.nodes(s, _, ctx)
          : ctx.run<Map<string, string>>(paged(g.V().hasLabel(s.label as string), s.args).project('id', 'label').by(t.id).by(t.label)).then((rows) => rows.map(ref)),
      totalCount: (s: ConnectionSource & { label?: string }, _: unknown, ctx: Context) =>
        'parent' in s && s.parent ? connection.totalCount(s, _, ctx) : ctx.run<number>(filtered(g.V().hasLabel(s.label as string), s.args.where).count()).then((c) => c[0]),
    },
    Path: {
      vertices: (p: { vertices: VertexRef[] }) => p.vertices,
    },
  };
}

function ref(row: Map<string, string>): VertexRef {
  return { id: row.get('id') as string, label: row.get('label') };
}

async function main(): Promise<void> {
  if (!values.gremlin) throw new Error('--gremlin ws://HOST:PORT/gremlin is required');
  const connection = new gremlin.driver.DriverRemoteConnection(values.gremlin, { mimeType: 'application/vnd.graphbinary-v1.0' });
  const g = gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection);
  const typeDefs = readFileSync(join(__dirname, '../../schema/core.graphql'), 'utf8');
  const counting: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { gremlin: { requests: contextValue.sent.requests } };
          }
        },
      };
    },
  };
  const server = new ApolloServer<Context>({ schema: makeExecutableSchema({ typeDefs, resolvers: resolvers(g) as never }), plugins: [counting] });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(values.port), host: '127.0.0.1' },
    context: async () => {
      const sent = { requests: 0 };
      return {
        sent,
        run: (traversal) => {
          sent.requests++;
          return traversal.toList() as never;
        },
      } satisfies Context;
    },
  });
  process.stdout.write(`naive gateway ready at ${url}\n`);
  const stop = () => void Promise.all([server.stop(), connection.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((err: unknown) => {
  process.stderr.write(`naive gateway: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
