import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify';
import { P, T, __, g, type GraphTraversal } from '../gremlin/source';
import type { Submitter } from './load';
import type { Progress } from './progress';

/**
 * `nereid export`: the graph as Neptune bulk-load CSV, one file per element kind and label
 * (`vertices-Person.csv`, `edges-knows.csv`), which `nereid load` and Neptune's loader take back as they are.
 *
 * Elements are read in pages ordered by id, each page starting after the last id of the one before (keyset
 * paging: no offset to skip, and memory bounded by a page). A header needs every value of its column to be
 * typed, so rows first go to a JSON-lines spool per file while the columns' types are gathered; each file is
 * then written from its spool under its final header. Types come from the values as the driver reads them:
 * Bool, Date, String, Int for whole numbers in 32 bits, Long beyond, Double for the rest; a column holding
 * several kinds is String. A vertex property with several values makes its column an array (`name:Type[]`).
 */
export interface ExportOptions {
  readonly dir: string;
  readonly gzip: boolean;
  /** Elements per request. */
  readonly pageSize: number;
  readonly progress?: Progress;
}

export interface ExportedFile {
  readonly path: string;
  readonly kind: 'vertex' | 'edge';
  readonly label: string;
  readonly rows: number;
}

export interface ExportResult {
  readonly vertices: number;
  readonly edges: number;
  readonly files: readonly ExportedFile[];
  readonly ms: number;
}

type ColumnType = 'Bool' | 'Int' | 'Long' | 'Double' | 'Date' | 'String';

/** One element as spooled: id, label, ends (edges), and each property's values. */
type Spooled = [id: string, label: string, from: string, to: string, properties: Record<string, unknown[]>];

export async function exportGraph(client: Submitter, options: ExportOptions): Promise<ExportResult> {
  const started = Date.now();
  await mkdir(options.dir, { recursive: true });
  const [vertexTotal] = (await client.submit(g.V().count().getBytecode(), { mode: 'read' })) as number[];
  const [edgeTotal] = (await client.submit(g.E().count().getBytecode(), { mode: 'read' })) as number[];
  const total = Number(vertexTotal) + Number(edgeTotal);
  const spools = new Spools(options.dir);
  let done = 0;
  try {
    for (const kind of ['vertex', 'edge'] as const) {
      for await (const page of pages(client, kind, options.pageSize)) {
        for (const element of page) await spools.add(kind, element);
        done += page.length;
        options.progress?.update({ phase: kind === 'vertex' ? 'vertices' : 'edges', done, fraction: total > 0 ? done / total : 1 });
      }
    }
    const files = await spools.finish(options.gzip);
    const count = (kind: 'vertex' | 'edge') => files.filter((f) => f.kind === kind).reduce((n, f) => n + f.rows, 0);
    return { vertices: count('vertex'), edges: count('edge'), files, ms: Date.now() - started };
  } finally {
    await spools.discard();
  }
}

/** Keyset pages: `V().hasId(gt(last)).order().by(id).limit(n)`, each element as id, label, ends and valueMap(). */
async function* pages(client: Submitter, kind: 'vertex' | 'edge', size: number): AsyncGenerator<Spooled[]> {
  let last: unknown;
  for (;;) {
    let t: GraphTraversal = kind === 'vertex' ? g.V() : g.E();
    if (last !== undefined) t = t.hasId(P.gt(last));
    t = t.order().by(T.id).limit(size);
    t =
      kind === 'vertex'
        ? t.project('id', 'label', 'properties').by(T.id).by(T.label).by(__.valueMap())
        : t.project('id', 'label', 'from', 'to', 'properties').by(T.id).by(T.label).by(__.outV().id()).by(__.inV().id()).by(__.valueMap());
    const results = (await client.submit(t.getBytecode(), { mode: 'read' })) as Map<string, unknown>[];
    if (results.length === 0) return;
    last = results[results.length - 1].get('id');
    yield results.map((r) => {
      const properties: Record<string, unknown[]> = {};
      for (const [key, value] of r.get('properties') as Map<string, unknown>) properties[key] = Array.isArray(value) ? value : [value];
      return [String(r.get('id')), String(r.get('label')), kind === 'edge' ? String(r.get('from')) : '', kind === 'edge' ? String(r.get('to')) : '', properties];
    });
    if (results.length < size) return;
  }
}

interface Column {
  type: ColumnType | undefined;
  array: boolean;
}

/** The per-(kind, label) spool files and what their columns hold so far. */
class Spools {
  private readonly files = new Map<string, { kind: 'vertex' | 'edge'; label: string; name: string; out: WriteStream; rows: number; columns: Map<string, Column> }>();
  private readonly names = new Set<string>();

  constructor(private readonly dir: string) {}

  async add(kind: 'vertex' | 'edge', element: Spooled): Promise<void> {
    const key = `${kind}\u0000${element[1]}`;
    let file = this.files.get(key);
    if (!file) {
      const name = this.uniqueName(`${kind === 'vertex' ? 'vertices' : 'edges'}-${safeName(element[1])}`);
      file = { kind, label: element[1], name, out: createWriteStream(this.spoolPath(name)), rows: 0, columns: new Map() };
      this.files.set(key, file);
    }
    for (const [name, values] of Object.entries(element[4])) {
      let column = file.columns.get(name);
      if (!column) file.columns.set(name, (column = { type: undefined, array: false }));
      if (values.length > 1) column.array = true;
      for (const value of values) column.type = widen(column.type, typeOf(value));
    }
    file.rows++;
    if (!file.out.write(JSON.stringify(element, spoolValue) + '\n')) await new Promise<void>((resolve) => file.out.once('drain', () => resolve()));
  }

  /** Writes every file from its spool under its header; returns them in the order vertices, then edges. */
  async finish(gzip: boolean): Promise<ExportedFile[]> {
    const written: ExportedFile[] = [];
    for (const file of this.files.values()) {
      await new Promise<void>((resolve, reject) => file.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const columns = [...file.columns].map(([name, column]) => ({ name, type: column.type ?? 'String', array: column.array }));
      const system = file.kind === 'vertex' ? ['~id', '~label'] : ['~id', '~from', '~to', '~label'];
      const header = [...system, ...columns.map((c) => `${c.name.replace(/:/g, '\\:')}:${c.type}${c.array ? '[]' : ''}`)];
      const path = join(this.dir, `${file.name}.csv${gzip ? '.gz' : ''}`);
      const lines = createInterface({ input: createReadStream(this.spoolPath(file.name)), crlfDelay: Infinity });
      const records = async function* () {
        yield header;
        for await (const line of lines) {
          const [id, label, from, to, properties] = JSON.parse(line, reviveValue) as Spooled;
          const labelCell = file.kind === 'vertex' ? label.split('::').join(';') : label;
          const ends = file.kind === 'vertex' ? [id, labelCell] : [id, from, to, labelCell];
          yield [...ends, ...columns.map((c) => cell(properties[c.name], c.type, c.array))];
        }
      };
      const out = createWriteStream(path);
      if (gzip) await pipeline(Readable.from(records()), stringify(), createGzip(), out);
      else await pipeline(Readable.from(records()), stringify(), out);
      written.push({ path, kind: file.kind, label: file.label, rows: file.rows });
    }
    return [...written.filter((f) => f.kind === 'vertex'), ...written.filter((f) => f.kind === 'edge')];
  }

  async discard(): Promise<void> {
    for (const file of this.files.values()) {
      file.out.destroy();
      await rm(this.spoolPath(file.name), { force: true });
    }
  }

  private spoolPath(name: string): string {
    return join(this.dir, `.${name}.spool.jsonl`);
  }

  private uniqueName(base: string): string {
    let name = base;
    for (let n = 2; this.names.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    this.names.add(name.toLowerCase());
    return name;
  }
}

/** Labels become file names: anything but letters, digits, `-` and `_` is replaced (case-folded clashes get a number). */
const safeName = (label: string) => label.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_';

function typeOf(value: unknown): ColumnType {
  if (typeof value === 'boolean') return 'Bool';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'bigint') return 'Long';
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || Object.is(value, -0)) return 'Double';
    return value >= -(2 ** 31) && value < 2 ** 31 ? 'Int' : 'Long';
  }
  return 'String';
}

const NUMERIC: readonly ColumnType[] = ['Int', 'Long', 'Double'];

function widen(a: ColumnType | undefined, b: ColumnType): ColumnType {
  if (a === undefined || a === b) return b;
  if (NUMERIC.includes(a) && NUMERIC.includes(b)) return NUMERIC[Math.max(NUMERIC.indexOf(a), NUMERIC.indexOf(b))];
  return 'String';
}

/** A cell as Neptune's loader reads it back: arrays `;`-separated with `\;` for a literal semicolon. */
function cell(values: unknown[] | undefined, type: ColumnType, array: boolean): string {
  if (!values || values.length === 0) return '';
  const texts = values.map((v) => text(v, type));
  return array ? texts.map((t) => t.replace(/;/g, '\\;')).join(';') : texts[0];
}

function text(value: unknown, type: ColumnType): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && type === 'Double' && Object.is(value, -0)) return '-0.0';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Dates and bigints survive the spool; JSON has neither. */
function spoolValue(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return { $date: raw.getTime() };
  if (typeof raw === 'bigint') return { $bigint: raw.toString() };
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { $number: String(raw) };
  return value;
}

function reviveValue(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { $date?: number; $bigint?: string; $number?: string };
    if (v.$date !== undefined) return new Date(v.$date);
    if (v.$bigint !== undefined) return BigInt(v.$bigint);
    if (v.$number !== undefined) return Number(v.$number);
  }
  return value;
}
