import { basename } from 'node:path';
import type { ReadProgress } from '../embedded/import/neptune-csv';

/** Files smaller than this load in a moment: no progress line. */
const LARGE_FILE = 8 * 1024 * 1024;
const EVERY_MS = 250;

/**
 * A one-line progress display for `--load` on a terminal (rows, rate, ETA from the bytes read), redrawn at
 * most four times a second and finished with a newline; undefined when stderr is not a terminal, so logs and
 * CI output stay clean.
 */
export function loadProgress(stream: NodeJS.WriteStream = process.stderr): ((progress: ReadProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let file: string | undefined;
  let started = 0;
  let drawn = 0;
  return (p) => {
    if (p.totalBytes < LARGE_FILE) return;
    const now = Date.now();
    if (p.file !== file) {
      file = p.file;
      started = now;
      drawn = 0;
    }
    const done = p.bytes >= p.totalBytes;
    if (!done && now - drawn < EVERY_MS) return;
    drawn = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    const fraction = p.bytes / p.totalBytes;
    const rate = Math.round(p.rows / seconds);
    const eta = done ? 'done' : `ETA ${formatSeconds((seconds / Math.max(fraction, 1e-6)) * (1 - fraction))}`;
    stream.write(
      `\r\u001b[2K${basename(p.file)}: ${Math.floor(fraction * 100)}%, ${p.rows.toLocaleString('en')} rows, ` +
        `${rate.toLocaleString('en')} rows/s, ${eta}${done ? '\n' : ''}`,
    );
  };
}

function formatSeconds(s: number): string {
  const whole = Math.ceil(s);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
