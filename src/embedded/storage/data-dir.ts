import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GraphError } from '../errors';
import type { Change, Graph } from '../structure';
import { decodeValue, encodeValue, type Payload } from './values';

/** The file in a data directory; SQLite keeps its write-ahead log beside it (`graph.db-wal`). */
export const DATABASE_FILE = 'graph.db';
const FORMAT = '1';
const LOAD_CHUNK = 50_000;

/**
 * The tables are the graph itself, one row per element and per property value, updated by every commit:
 * restart reads them once (its time grows with the graph, never with its history), and SQLite's own
 * checkpoints and free-page reuse are the compaction. `seq` (the rowid) keeps insertion order, which is the
 * graph's iteration order and the order of a key's values.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vertex (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, labels TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vertex_property (seq INTEGER PRIMARY KEY, vertex TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, value);
CREATE INDEX IF NOT EXISTS vertex_property_by_key ON vertex_property (vertex, key);
CREATE TABLE IF NOT EXISTS edge (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, out_v TEXT NOT NULL, in_v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edge_property (seq INTEGER PRIMARY KEY, edge TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, value, UNIQUE (edge, key));
`;

export interface DataDir {
  readonly path: string;
  /** No graph was ever committed here: the caller may seed it (sample data, `--load` files). */
  readonly fresh: boolean;
  /** Elements read at open and how long reading them took. */
  readonly loaded: { readonly vertices: number; readonly edges: number; readonly ms: number };
  /** Records that the directory holds its graph now, even an empty one, so it is not seeded again. */
  markSeeded(): void;
  /** Detaches from the graph and closes the database (checkpointing its log). */
  close(): void;
}

/**
 * Opens (creating if need be) the data directory `path` and makes `graph` durable: its contents are read
 * into `graph` (which must be empty), then every transaction committed on `graph` is written to the
 * directory in one SQLite transaction before the commit returns, so before any client hears of it.
 *
 * SQLite in WAL mode with `synchronous=FULL`: a commit is one append to the log and one fsync, and it is on
 * disk when `COMMIT` returns, so an acknowledged write survives the process being killed and the machine
 * losing power (`NORMAL` would survive a killed process only). The database is opened in exclusive locking
 * mode, so a second process cannot serve the same directory (it fails to open), and the lock dies with the
 * process, so a restart after `kill -9` opens at once.
 */
export function openDataDir(path: string, graph: Graph): DataDir {
  if (graph.vertexCount > 0 || graph.edgeCount > 0) throw new Error('openDataDir needs an empty graph to read the directory into');
  let db: Database.Database;
  try {
    mkdirSync(path, { recursive: true });
    db = new Database(join(path, DATABASE_FILE), { timeout: 1000 });
  } catch (err) {
    throw new Error(`cannot use ${path} as a data directory: ${(err as Error).message}`);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // 64 MiB of page cache (the default is 2 MiB): a large commit (a CSV load) updates the id indexes in place.
    db.pragma('cache_size = -65536');
    db.exec(SCHEMA);
    // Takes the exclusive lock now rather than at the first commit, so a second server fails at startup.
    db.exec('BEGIN IMMEDIATE; COMMIT');
    checkProfile(db, graph);
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new Error(`data directory ${path} is in use by another process`);
    throw err;
  }
  const started = performance.now();
  const loaded = load(db, graph);
  const ms = performance.now() - started;
  const journal = new Journal(db);
  graph.journal = (changes) => journal.write(changes);
  return {
    path,
    fresh: !journal.seeded,
    loaded: { ...loaded, ms },
    markSeeded: () => journal.markSeeded(),
    close() {
      if (!db.open) return;
      if (graph.journal) graph.journal = undefined;
      db.close();
    },
  };
}

function checkProfile(db: Database.Database, graph: Graph): void {
  const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  const format = meta.get('format');
  if (format !== undefined && format !== FORMAT) throw new Error(`the data directory has format ${format}; this nereid reads format ${FORMAT}`);
  const profile = meta.get('profile');
  if (profile !== undefined && profile !== graph.profile.name) {
    throw new Error(`the data directory holds a graph with the ${profile} profile; start with that profile`);
  }
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?), (?, ?)').run('format', FORMAT, 'profile', graph.profile.name);
}

/**
 * Reads the tables into the graph through its one write path (transactions), before a journal is attached,
 * so nothing is written back. Values of one key are re-added in order with list cardinality where the
 * profile allows it, otherwise set (whose values are distinct anyway), so each vertex gets back exactly its
 * values. It commits every LOAD_CHUNK rows: a transaction keeps every change for its rollback, which for a
 * whole large graph would only feed the garbage collector. A failed read leaves a partial graph, and the
 * caller stops.
 */
function load(db: Database.Database, graph: Graph): { vertices: number; edges: number } {
  const cardinality = graph.profile.allowListCardinality ? 'list' : 'set';
  const rows = <T>(sql: string) => db.prepare(sql).raw().iterate() as Iterable<T>;
  let tx = graph.begin();
  let count = 0;
  const counted = () => {
    if (++count % LOAD_CHUNK !== 0) return;
    tx.commit();
    tx = graph.begin();
  };
  try {
    for (const [id, labels] of rows<[string, string]>('SELECT id, labels FROM vertex ORDER BY seq')) {
      tx.addVertex(JSON.parse(labels) as string[], id);
      counted();
    }
    for (const [id, key, type, value] of rows<[string, string, string, Payload]>('SELECT vertex, key, type, value FROM vertex_property ORDER BY seq')) {
      tx.addVertexProperty(graph.vertex(id)!, key, decodeValue(type, value), cardinality);
      counted();
    }
    for (const [id, label, outV, inV] of rows<string[]>('SELECT id, label, out_v, in_v FROM edge ORDER BY seq')) {
      tx.addEdge(label, graph.vertex(outV)!, graph.vertex(inV)!, id);
      counted();
    }
    for (const [id, key, type, value] of rows<[string, string, string, Payload]>('SELECT edge, key, type, value FROM edge_property ORDER BY seq')) {
      tx.setEdgeProperty(graph.edge(id)!, key, decodeValue(type, value));
      counted();
    }
    tx.commit();
  } finally {
    if (tx.isOpen) tx.rollback();
  }
  return { vertices: graph.vertexCount, edges: graph.edgeCount };
}

/** Writes committed changes as row updates, each transaction's in one SQLite transaction. */
class Journal {
  seeded: boolean;
  private readonly writeRows: (changes: readonly Change[]) => void;

  constructor(private readonly db: Database.Database) {
    this.seeded = db.prepare("SELECT 1 FROM meta WHERE key = 'seeded'").get() !== undefined;
    const seed = db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('seeded', '1')");
    const addVertex = db.prepare('INSERT INTO vertex (id, labels) VALUES (?, ?)');
    const removeVertex = db.prepare('DELETE FROM vertex WHERE id = ?');
    const removeVertexProperties = db.prepare('DELETE FROM vertex_property WHERE vertex = ?');
    const addEdge = db.prepare('INSERT INTO edge (id, label, out_v, in_v) VALUES (?, ?, ?, ?)');
    const removeEdge = db.prepare('DELETE FROM edge WHERE id = ?');
    const removeEdgeProperties = db.prepare('DELETE FROM edge_property WHERE edge = ?');
    const addVertexProperty = db.prepare('INSERT INTO vertex_property (vertex, key, type, value) VALUES (?, ?, ?, ?)');
    // A change names the value by its position among the key's values, which is its rank by seq here.
    const removeVertexProperty = db.prepare(
      'DELETE FROM vertex_property WHERE seq = (SELECT seq FROM vertex_property WHERE vertex = ? AND key = ? ORDER BY seq LIMIT 1 OFFSET ?)',
    );
    const setEdgeProperty = db.prepare(
      'INSERT INTO edge_property (edge, key, type, value) VALUES (?, ?, ?, ?) ON CONFLICT (edge, key) DO UPDATE SET type = excluded.type, value = excluded.value',
    );
    const removeEdgeProperty = db.prepare('DELETE FROM edge_property WHERE edge = ? AND key = ?');

    const apply = (change: Change): void => {
      switch (change.kind) {
        case 'addVertex':
          addVertex.run(change.vertex.id, JSON.stringify(change.vertex.labels));
          // A new element's property changes are not recorded: it stands for what it holds at the commit.
          const { live } = change.vertex;
          for (let i = 0; i < live.length; i += 3) addVertexProperty.run(change.vertex.id, live[i] as string, ...encodeValue(live[i + 2]));
          return;
        case 'removeVertex':
          removeVertexProperties.run(change.vertex.id);
          removeVertex.run(change.vertex.id);
          return;
        case 'addEdge':
          addEdge.run(change.edge.id, change.edge.label, change.edge.outV.id, change.edge.inV.id);
          const { pairs } = change.edge;
          for (let i = 0; i < pairs.length; i += 2) setEdgeProperty.run(change.edge.id, pairs[i] as string, ...encodeValue(pairs[i + 1]));
          return;
        case 'removeEdge':
          removeEdgeProperties.run(change.edge.id);
          removeEdge.run(change.edge.id);
          return;
        case 'addVertexProperty': {
          const { vertex, key, value } = change.property;
          addVertexProperty.run(vertex.id, key, ...encodeValue(value));
          return;
        }
        case 'removeVertexProperty':
          removeVertexProperty.run(change.property.vertex.id, change.property.key, change.index);
          return;
        case 'setEdgeProperty':
          setEdgeProperty.run(change.edge.id, change.key, ...encodeValue(change.property.value));
          return;
        case 'removeEdgeProperty':
          removeEdgeProperty.run(change.property.element.id, change.property.key);
          return;
      }
    };
    this.writeRows = db.transaction((changes: readonly Change[]) => {
      for (const change of changes) apply(change);
      if (!this.seeded) seed.run();
    });
  }

  write(changes: readonly Change[]): void {
    try {
      this.writeRows(changes);
    } catch (err) {
      if (err instanceof GraphError) throw err;
      throw new GraphError('InternalFailureException', `The change could not be written to the data directory, so nothing was applied: ${(err as Error).message}`);
    }
    this.seeded = true;
  }

  markSeeded(): void {
    if (this.seeded) return;
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('seeded', '1')").run();
    this.seeded = true;
  }
}
