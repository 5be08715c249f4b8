/**
 * Crash cycles: `nereid gremlin-server --data-dir` under a write load of multi-element transactions, killed
 * with SIGKILL after a random number of acknowledged writes, restarted on the same directory and checked
 * (see test/support/crash-cycles.ts), many times. The suite runs five cycles; this runs as many as asked.
 * Run: `npx tsx bench/crash.ts [--cycles 100] [--seed 1] [--writers 4]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crashCycles } from '../test/support/crash-cycles';

const { values } = parseArgs({ options: { cycles: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' }, writers: { type: 'string', default: '4' } } });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nereid-crash-bench-'));
  const started = performance.now();
  try {
    const report = await crashCycles({
      dataDir,
      cycles: Number(values.cycles),
      seed: Number(values.seed),
      writers: Number(values.writers),
      onCycle: (cycle, r) => {
        if ((cycle + 1) % 10 === 0) process.stdout.write(`cycle ${cycle + 1}: ${r.acknowledged} acknowledged, ${r.lost} lost, ${r.halfApplied} half applied\n`);
      },
    });
    const restarts = [...report.restartMs].sort((a, b) => a - b);
    console.table({
      'crash cycles': report.cycles,
      'acknowledged transactions': report.acknowledged,
      'unacknowledged (in flight at the kill)': report.unacknowledged,
      '... of which applied': report.unacknowledgedApplied,
      'acknowledged writes lost': report.lost,
      'transactions half applied': report.halfApplied,
      'elements nobody wrote': report.unexpected,
      'restart to ready, median ms': Math.round(restarts[Math.floor(restarts.length / 2)]),
      'restart to ready, max ms': Math.round(restarts[restarts.length - 1]),
      'total s': Math.round((performance.now() - started) / 1000),
    });
    if (report.lost + report.halfApplied + report.unexpected > 0) process.exitCode = 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
