import type { Graph, Transaction } from '../structure';
import type { Release } from './lock';

interface Held {
  readonly tx: Transaction;
  readonly release: Release;
}

/**
 * A Gremlin session, as `g.tx().begin()` opens one: requests run one at a time, in order, and writes
 * accumulate in one transaction per graph that holds that graph's write lock from the first write until
 * commit, rollback, session close or idle timeout. Any failed request rolls the whole transaction back
 * (Neptune asks clients to retry the entire transaction after an error); the session itself stays usable.
 */
export class Session {
  private readonly held = new Map<Graph, Held>();
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private pending = 0;
  closed = false;

  constructor(
    readonly id: string,
    private readonly idleTimeoutMs: number,
    private readonly onExpire: (session: Session) => void,
  ) {
    this.arm();
  }

  /** Runs `work` after everything queued before it; the idle clock stops while work is queued. */
  run<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    if (this.timer) clearTimeout(this.timer);
    const result = this.queue.then(work);
    this.queue = result.then(
      () => this.settle(),
      () => this.settle(),
    );
    return result;
  }

  transactionFor(graph: Graph): Transaction | undefined {
    return this.held.get(graph)?.tx;
  }

  hold(graph: Graph, tx: Transaction, release: Release): void {
    this.held.set(graph, { tx, release });
  }

  commit(): void {
    this.finish((tx) => tx.commit());
  }

  rollback(): void {
    this.finish((tx) => tx.rollback());
  }

  /** Closes after queued work: rolls back what is still open and releases the locks. */
  close(): Promise<void> {
    return this.run(async () => {
      this.rollback();
      this.closed = true;
    });
  }

  private finish(end: (tx: Transaction) => void): void {
    const held = [...this.held.values()];
    this.held.clear();
    for (const { tx, release } of held) {
      try {
        if (tx.isOpen) end(tx);
      } finally {
        release();
      }
    }
  }

  private settle(): void {
    this.pending--;
    this.arm();
  }

  private arm(): void {
    if (this.closed || this.pending > 0) return;
    this.timer = setTimeout(() => this.onExpire(this), this.idleTimeoutMs);
    this.timer.unref();
  }
}

/** Open sessions by id, with the connection that opened each, so a closing connection ends its sessions. */
export class SessionRegistry {
  private readonly sessions = new Map<string, { session: Session; owner: object }>();

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly onExpire: (session: Session) => void,
  ) {}

  get(id: string): Session | undefined {
    return this.sessions.get(id)?.session;
  }

  open(id: string, owner: object): Session {
    const existing = this.get(id);
    if (existing) return existing;
    const session = new Session(id, this.idleTimeoutMs, (s) => {
      this.onExpire(s);
      void this.close(s.id);
    });
    this.sessions.set(id, { session, owner });
    return session;
  }

  async close(id: string): Promise<void> {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.sessions.delete(id);
    await entry.session.close();
  }

  async closeOwnedBy(owner: object): Promise<void> {
    const ids = [...this.sessions].filter(([, e]) => e.owner === owner).map(([id]) => id);
    await Promise.all(ids.map((id) => this.close(id)));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
  }
}
