/**
 * A power-law social graph in Neptune bulk-load CSV, the same for the same seed on every machine: `Person`
 * vertices (`name`, `age`, `city`, `joined`) and `knows` edges (`since`) between them.
 *
 * Degrees follow a Chung-Lu model: vertex i gets a weight proportional to (i + i0)^(-1/(gamma-1)) (so the
 * degree distribution has exponent gamma), and each edge picks both ends independently in proportion to those
 * weights, from an alias table (O(1) a pick, no per-edge memory, so 10^7 edges stream out as fast as the disk
 * takes them). Weights are assigned to vertices in a seeded random order, so hubs are not the lowest ids.
 * Self-loops are resampled; the rare repeated pair between two hubs is kept (a multigraph, as Neptune allows).
 *
 * CLI: `npx tsx bench/generate-graph.ts --vertices N [--edges M | --degree D] [--seed S] --out DIR`
 * writes DIR/vertices.csv and DIR/edges.csv. Programmatic: `generateGraph(options)`.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface GraphOptions {
  readonly vertices: number;
  /** Default: vertices * degree / 2. */
  readonly edges?: number;
  /** Average total (in + out) degree; default 20. Ignored when `edges` is given. */
  readonly degree?: number;
  /** Degree-distribution exponent, default 2.5 (typical of social networks). */
  readonly gamma?: number;
  readonly seed?: number;
  /** Directory to write vertices.csv and edges.csv into (created if missing). */
  readonly out: string;
}

export interface GeneratedGraph {
  readonly vertexFile: string;
  readonly edgeFile: string;
  readonly vertices: number;
  readonly edges: number;
  readonly seed: number;
}

/** The id of the i-th vertex (0-based), as written to the files: benchmarks use it to pick start vertices. */
export const vertexId = (i: number): string => `p${i}`;

export const VERTEX_HEADER = '~id,~label,name:String,age:Int,city:String,joined:Date';
export const EDGE_HEADER = '~id,~from,~to,~label,since:Date';

const FIRST = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Dennis', 'Radia', 'Ken', 'Sophie', 'Tim', 'Hedy', 'Linus', 'Katherine', 'Guido', 'Shafi', 'Leslie', 'Niklaus', 'Joan', 'Robin', 'Leonor'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'McCarthy', 'Hamilton', 'Ritchie', 'Perlman', 'Thompson', 'Wilson', 'Lamarr', 'Torvalds', 'Johnson', 'Goldwasser', 'Lamport', 'Wirth', 'Clarke', 'Milner', 'Torres'];
const CITIES = ['Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Lima', 'Oslo', 'Pune', 'Melbourne', 'Accra', 'Hanoi', 'Quito', 'Tallinn', 'Denver', 'Seville', 'Busan', 'Recife'];
const EPOCH = Date.UTC(2010, 0, 1);
const DAY = 86_400_000;
const YEARS_15 = 15 * 365;

/** Where the benchmarks keep the graphs they share (`sharedGraph`). */
export const SHARED_GRAPHS = join(tmpdir(), 'nereid-bench-graphs');

export interface SharedGraph {
  readonly files: readonly [vertexFile: string, edgeFile: string];
  /** Where a benchmark caches the same graph as GraphSON for TinkerGraph (bench/tinkergraph.ts). */
  readonly graphson: string;
}

/**
 * The power-law graph of `vertices` vertices and ten times as many edges, seed 1, generated once into
 * `root/<vertices>-vertices` and reused by every benchmark and run after: the gateway's graphs of 10^4 and 10^5
 * vertices are the engine-scale ones of 10^5 and 10^6 edges. Written beside and renamed into place, so a run
 * stopped half-way leaves no half graph to be taken for a whole one. `sharedGraphPaths` says where, generating nothing.
 */
export function sharedGraphPaths(vertices: number, root = SHARED_GRAPHS): SharedGraph {
  const dir = join(root, `${vertices}-vertices`);
  return { files: [join(dir, 'vertices.csv'), join(dir, 'edges.csv')], graphson: join(dir, 'graph.graphson.json') };
}

export async function sharedGraph(vertices: number, root = SHARED_GRAPHS): Promise<SharedGraph> {
  const paths = sharedGraphPaths(vertices, root);
  const dir = dirname(paths.files[1]);
  if (!existsSync(paths.files[1])) {
    const partial = `${dir}.partial-${process.pid}`;
    await generateGraph({ vertices, edges: vertices * 10, seed: 1, out: partial });
    try {
      renameSync(partial, dir);
    } catch (err) {
      // Another run generated the same graph meanwhile: the same seed wrote the same files.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(paths.files[1])) throw err;
    }
  }
  return paths;
}

/** Writes the two files; resolves once both are flushed. */
export async function generateGraph(options: GraphOptions): Promise<GeneratedGraph> {
  const n = options.vertices;
  if (!Number.isInteger(n) || n < 2) throw new Error('vertices must be a whole number of at least 2');
  const m = options.edges ?? Math.round((n * (options.degree ?? 20)) / 2);
  if (!Number.isInteger(m) || m < 0) throw new Error('edges must be a whole number');
  const seed = options.seed ?? 1;
  const random = splitmix32(seed);
  mkdirSync(options.out, { recursive: true });
  const vertexFile = resolve(join(options.out, 'vertices.csv'));
  const edgeFile = resolve(join(options.out, 'edges.csv'));

  const vertices = new Lines(vertexFile, VERTEX_HEADER);
  for (let i = 0; i < n; i++) {
    const name = `${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]}`;
    const age = 18 + Math.floor(random() * 62);
    const city = CITIES[Math.floor(random() * CITIES.length)];
    const joined = isoDay(EPOCH + Math.floor(random() * YEARS_15) * DAY);
    await vertices.write(`${vertexId(i)},Person,${name},${age},${city},${joined}`);
  }
  await vertices.close();

  const pick = aliasSampler(weights(n, Math.max(m, 1), options.gamma ?? 2.5, random), random);
  const edges = new Lines(edgeFile, EDGE_HEADER);
  for (let e = 0; e < m; e++) {
    const from = pick();
    let to = pick();
    while (to === from) to = pick();
    const since = isoDay(EPOCH + Math.floor(random() * YEARS_15) * DAY);
    await edges.write(`k${e},${vertexId(from)},${vertexId(to)},knows,${since}`);
  }
  await edges.close();
  return { vertexFile, edgeFile, vertices: n, edges: m, seed };
}

/**
 * Chung-Lu weights in a random vertex order, capped at the natural cutoff: no vertex expects more than
 * sqrt(2m) edges, which keeps repeated pairs between hubs rare.
 */
function weights(n: number, m: number, gamma: number, random: () => number): Float64Array {
  const exponent = 1 / (gamma - 1);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const w = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) total += w[order[rank]] = (rank + 1) ** -exponent;
  const cap = (Math.sqrt(2 * m) * total) / (2 * m);
  for (let i = 0; i < n; i++) if (w[i] > cap) w[i] = cap;
  return w;
}

/** Walker's alias method: after O(n) setup, each pick is one random number, one comparison. */
function aliasSampler(w: Float64Array, random: () => number): () => number {
  const n = w.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    prob[i] = (w[i] * n) / total;
    (prob[i] < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    alias[s] = l;
    prob[l] = prob[l] + prob[s] - 1;
    (prob[l] < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return () => {
    const x = random() * n;
    const i = Math.floor(x);
    return x - i < prob[i] ? i : alias[i];
  };
}

/** SplitMix32: a fast, well-mixed 32-bit generator, enough for sampling (not for secrets). */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

const isoDay = (millis: number) => new Date(millis).toISOString().slice(0, 10);

/** Buffered line writer honouring the stream's backpressure. */
class Lines {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string, header: string) {
    this.stream = createWriteStream(path);
    this.buffer.push(header);
  }

  write(line: string): Promise<void> | void {
    this.buffer.push(line);
    if (++this.size < 4096) return;
    return this.flush();
  }

  private flush(): Promise<void> | void {
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.size = 0;
    if (this.stream.write(chunk)) return;
    return new Promise((done) => this.stream.once('drain', done));
  }

  async close(): Promise<void> {
    if (this.buffer.length > 0) await this.flush();
    await new Promise<void>((done, fail) => this.stream.end((error?: Error | null) => (error ? fail(error) : done())));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      vertices: { type: 'string' },
      edges: { type: 'string' },
      degree: { type: 'string' },
      gamma: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  if (!values.vertices || !values.out) {
    process.stderr.write('usage: tsx bench/generate-graph.ts --vertices N [--edges M | --degree D] [--gamma G] [--seed S] --out DIR\n');
    process.exit(2);
  }
  const started = Date.now();
  const result = await generateGraph({
    vertices: Number(values.vertices.replace(/_/g, '')),
    edges: values.edges === undefined ? undefined : Number(values.edges.replace(/_/g, '')),
    degree: values.degree === undefined ? undefined : Number(values.degree),
    gamma: values.gamma === undefined ? undefined : Number(values.gamma),
    seed: Number(values.seed),
    out: values.out,
  });
  process.stdout.write(
    `${result.vertices} vertices -> ${result.vertexFile}\n${result.edges} edges -> ${result.edgeFile}\n` +
      `seed ${result.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
