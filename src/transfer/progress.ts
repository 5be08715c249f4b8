/**
 * Progress of a long transfer on stderr: a bar redrawn in place with rate and ETA on a terminal, a plain line
 * every few seconds otherwise (a CI log, a file), so that neither floods its output.
 */
export interface ProgressSnapshot {
  /** What is moving, e.g. `vertices` or `edges of edges.csv`. */
  readonly phase: string;
  /** Elements done so far in the whole transfer. */
  readonly done: number;
  /** Share of the whole work done, from 0 to 1, when it is known (bytes read of the files' total). */
  readonly fraction?: number;
}

export interface ProgressOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const TTY_EVERY_MS = 100;
const PLAIN_EVERY_MS = 5_000;

export class Progress {
  private readonly started = Date.now();
  private last = Date.now();
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly unit: string,
    private readonly plainEveryMs = PLAIN_EVERY_MS,
  ) {}

  /** Cheap to call per element: draws only when it is time to (not at once: a short transfer shows no progress). */
  update(snapshot: ProgressSnapshot): void {
    const now = Date.now();
    if (now - this.last < (this.out.isTTY ? TTY_EVERY_MS : this.plainEveryMs)) return;
    this.last = now;
    this.draw(snapshot, now);
  }

  /** Ends the bar's line with the final figures; the caller prints its summary after. */
  finish(snapshot: ProgressSnapshot): void {
    if (this.out.isTTY && this.drawn) {
      this.draw(snapshot, Date.now());
      this.out.write('\n');
    }
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  private draw(s: ProgressSnapshot, now: number): void {
    const seconds = Math.max((now - this.started) / 1000, 1e-3);
    const rate = s.done / seconds;
    const eta = s.fraction !== undefined && s.fraction > 0 && s.fraction < 1 ? (seconds * (1 - s.fraction)) / s.fraction : undefined;
    const figures = `${s.done.toLocaleString('en-US')} ${this.unit}, ${Math.round(rate).toLocaleString('en-US')}/s` + (eta === undefined ? '' : `, ETA ${clock(eta)}`);
    if (!this.out.isTTY) {
      const percent = s.fraction === undefined ? '' : ` ${Math.floor(s.fraction * 100)}%`;
      this.out.write(`nereid: ${s.phase}:${percent} ${figures}\n`);
      return;
    }
    const width = 24;
    const filled = Math.round((s.fraction ?? 0) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor((s.fraction ?? 0) * 100)).padStart(3)}%`;
    const line = `${bar} ${s.phase}: ${figures}`.slice(0, Math.max(20, (this.out.columns ?? 100) - 1));
    this.out.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
