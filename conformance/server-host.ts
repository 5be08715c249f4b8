import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GraphIndex } from './resolve';

/** What the worker is started with (structured-cloned). */
export interface WorkerConfig {
  /** Dataset name (`modern`) to its GraphSON adjacency file. */
  readonly datasets: Readonly<Record<string, string>>;
  readonly scratch: readonly string[];
  readonly evaluationTimeoutMs: number;
}

export type HostRequest =
  | { readonly id: number; readonly type: 'ping' }
  | { readonly id: number; readonly type: 'index'; readonly alias: string }
  | { readonly id: number; readonly type: 'reset'; readonly alias: string; readonly dataset?: string };

export interface HostReply {
  readonly id: number;
  readonly error?: string;
  readonly index?: GraphIndex;
  /** The first message, once the server listens. */
  readonly url?: string;
  readonly indexes?: Record<string, GraphIndex>;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Pending = Map<number, { resolve: (reply: HostReply) => void; reject: (err: Error) => void }>;

export const datasetAlias = (name: string) => `g${name}`;

/**
 * The runner's handle on the server worker (server-worker.ts): where it listens, the name indexes of its
 * datasets, and requests to empty or reload scratch graphs. When the worker stops answering (a traversal
 * spinning without yielding), `restart` replaces it with a fresh one; `generation` counts restarts so callers
 * can tell whether their work was cut short by one.
 */
export class ServerHost {
  private worker!: Worker;
  private pending: Pending = new Map();
  private nextId = 1;
  private restarting: Promise<void> | undefined;
  url = '';
  indexes: Readonly<Record<string, GraphIndex>> = {};
  generation = 0;

  private constructor(private readonly config: WorkerConfig) {}

  static async start(config: WorkerConfig): Promise<ServerHost> {
    const host = new ServerHost(config);
    await host.spawn();
    return host;
  }

  async reset(alias: string, dataset?: string): Promise<GraphIndex> {
    return (await this.request({ type: 'reset', alias, dataset })).index!;
  }

  async index(alias: string): Promise<GraphIndex> {
    return (await this.request({ type: 'index', alias })).index!;
  }

  /** Whether the worker's event loop answers within `ms`. */
  async responsive(ms: number): Promise<boolean> {
    const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref());
    return Promise.race([this.request({ type: 'ping' }).then(() => true, () => false), timer]);
  }

  /** Single-flight: concurrent callers share one restart. */
  restart(): Promise<void> {
    this.restarting ??= (async () => {
      await this.worker.terminate();
      this.generation++;
      await this.spawn();
    })().finally(() => {
      this.restarting = undefined;
    });
    return this.restarting;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private spawn(): Promise<void> {
    // Workers do not inherit tsx's loader reliably; register it explicitly so the worker can load TypeScript.
    const worker = new Worker(join(__dirname, 'server-worker.ts'), {
      workerData: this.config,
      execArgv: ['--require', require.resolve('tsx/cjs')],
    });
    // Each worker has its own waiters, so the old one's exit cannot fail requests sent to its successor.
    const pending: Pending = new Map();
    this.worker = worker;
    this.pending = pending;
    const failAll = (err: Error) => {
      for (const { reject } of pending.values()) reject(err);
      pending.clear();
    };
    worker.on('error', (err) => failAll(err));
    worker.on('exit', (code) => failAll(new Error(`the server worker exited (${code})`)));
    return new Promise((resolve, reject) => {
      pending.set(0, {
        resolve: (reply) => {
          this.url = reply.url!;
          this.indexes = reply.indexes!;
          resolve();
        },
        reject,
      });
      worker.on('message', (reply: HostReply) => {
        const waiter = pending.get(reply.id);
        if (!waiter) return;
        pending.delete(reply.id);
        if (reply.error) waiter.reject(new Error(reply.error));
        else waiter.resolve(reply);
      });
    });
  }

  private request(request: DistributiveOmit<HostRequest, 'id'>): Promise<HostReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }
}
