/**
 * A benchmark's time budget: what it will spend, planned before it starts, and what it took.
 *
 * What is measured for a set time (a cell of a table, a warm-up) is planned exactly from the benchmark's
 * settings; the rest (generating and loading data, a JVM's start, a fixed number of rounds) is estimated for an
 * idle 2-core machine (AMD EPYC, Node 20: from an idle run, or from the CPU time it took where the machine was
 * busy), the figure and its source written beside the code that does the work. Each benchmark prints its
 * plan when it starts and the actual time when it ends, and keeps both in its JSON. With `--plan` it prints the
 * plan as one line of JSON and exits: that is how `npm run bench` adds up the whole run before starting it.
 */
import { loadavg } from 'node:os';

export interface PlanItem {
  readonly what: string;
  readonly seconds: number;
  /** Measured for a set time, so it holds on any machine; otherwise an estimate from an idle machine. */
  readonly timeBoxed: boolean;
}

export interface PlannedRun {
  readonly benchmark: string;
  readonly plannedS: number;
  readonly timeBoxedS: number;
  readonly items: readonly PlanItem[];
}

export interface Timing extends PlannedRun {
  readonly actualS: number;
  /** The machine may be shared: the load average before and after says how far to trust the times. */
  readonly loadAverageBefore: readonly number[];
  readonly loadAverageAfter: readonly number[];
}

/** `npm run build` (tsc and the explorer's bundle) on an idle 2-core machine: 13.6 s of CPU, the bundle included. */
export const BUILD_S = 20;

/** `npm run bench` has built nereid (`npm run build`) already, so a benchmark needing the build skips it. */
export const BUILT_ENV = 'NEREID_BENCH_BUILT';

export class Budget {
  private readonly items: PlanItem[] = [];
  private started = performance.now();
  private loadBefore = loadavg();

  constructor(private readonly benchmark: string) {}

  timeBoxed(what: string, seconds: number): this {
    this.items.push({ what, seconds: round(seconds), timeBoxed: true });
    return this;
  }

  estimated(what: string, seconds: number): this {
    this.items.push({ what, seconds: round(seconds), timeBoxed: false });
    return this;
  }

  planned(): PlannedRun {
    const sum = (items: readonly PlanItem[]) => round(items.reduce((s, i) => s + i.seconds, 0));
    return { benchmark: this.benchmark, plannedS: sum(this.items), timeBoxedS: sum(this.items.filter((i) => i.timeBoxed)), items: this.items };
  }

  /** Prints the plan and starts the clock; with `planOnly` (`--plan`) prints it as JSON and exits instead. */
  start(planOnly: boolean): void {
    const plan = this.planned();
    if (planOnly) {
      process.stdout.write(`${JSON.stringify(plan)}\n`);
      process.exit(0);
    }
    process.stdout.write(
      `${this.benchmark}: planned ${seconds(plan.plannedS)}, ${plan.timeBoxedS ? `${seconds(plan.timeBoxedS)} of it time-boxed` : 'none of it time-boxed'} (${plan.items.map((i) => `${i.what} ${seconds(i.seconds)}${i.timeBoxed ? '' : '~'}`).join('; ')}; ~ estimated)\n`,
    );
    this.started = performance.now();
    this.loadBefore = loadavg();
  }

  /** The plan beside the time taken since start(), printed and returned for the benchmark's JSON. */
  finish(): Timing {
    const actualS = round((performance.now() - this.started) / 1000);
    const timing = { ...this.planned(), actualS, loadAverageBefore: this.loadBefore, loadAverageAfter: loadavg() };
    process.stdout.write(`${this.benchmark}: took ${seconds(actualS)}, planned ${seconds(timing.plannedS)} (load average ${timing.loadAverageBefore.map((l) => l.toFixed(1)).join(' ')} before, ${timing.loadAverageAfter.map((l) => l.toFixed(1)).join(' ')} after)\n`);
    return timing;
  }
}

const round = (s: number) => Math.round(s * 10) / 10;

/** 75 -> "1 min 15 s". */
export function seconds(s: number): string {
  const whole = Math.round(s);
  return whole < 60 ? `${s < 10 ? s.toFixed(1) : whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
