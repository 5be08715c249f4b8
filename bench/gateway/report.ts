/** The gateway benchmark's table and chart. */
import type { Sample } from './measure';

export interface Measured {
  readonly requests: number;
  readonly c1: Sample;
  /** Operations per second at concurrency 1, 16 and 64 (as far as measured). */
  readonly throughput: readonly number[];
}

export interface Row {
  readonly dataset: string;
  readonly latency: number;
  readonly scenario: string;
  readonly nereid: Measured;
  readonly hand: Measured;
  readonly naive?: Measured;
  readonly floor?: Sample;
  /** The hand-written traversals on TinkerGraph (0 ms rows only); `sameAnswer` false where its answer differed. */
  readonly tinker?: Measured & { readonly sameAnswer: boolean };
  readonly rssMb?: { readonly nereid: number; readonly naive: number };
}

const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? '-' : `${(a / b).toFixed(2)}x`);
const count = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(0));

const COLUMNS = [
  'dataset',
  'lat',
  'query',
  'req nereid/naive/hand',
  'p50 nereid',
  'p50 hand',
  'p50 naive',
  'p50 floor',
  'p50 hand TG',
  'hand emb/TG',
  'p50 n/h',
  'p99 n/h',
  'ops/s c1 n/h',
  'ops/s c16 n/h',
  'ops/s c64 n/h',
  'c64 n/h',
  'ops/s hand TG c1/c16/c64',
  'c64 hand emb/TG',
  'RSS MB n/naive',
];

export function renderTable(rows: readonly Row[]): string {
  const body = rows.map((r) => [
    r.dataset,
    `${r.latency}ms`,
    r.scenario,
    `${count(r.nereid.requests)}/${count(r.naive?.requests)}/${count(r.hand.requests)}`,
    ms(r.nereid.c1.p50),
    ms(r.hand.c1.p50),
    ms(r.naive?.c1.p50),
    ms(r.floor?.p50),
    r.tinker ? `${ms(r.tinker.c1.p50)}${r.tinker.sameAnswer ? '' : '*'}` : '-',
    ratio(r.hand.c1.p50, r.tinker?.c1.p50),
    ratio(r.nereid.c1.p50, r.hand.c1.p50),
    ratio(r.nereid.c1.p99, r.hand.c1.p99),
    ...[0, 1, 2].map((i) => `${count(r.nereid.throughput[i])}/${count(r.hand.throughput[i])}`),
    ratio(r.nereid.throughput[2], r.hand.throughput[2]),
    r.tinker ? [0, 1, 2].map((i) => count(r.tinker!.throughput[i])).join('/') : '-',
    ratio(r.hand.throughput[2], r.tinker?.throughput[2]),
    r.rssMb ? `${count(r.rssMb.nereid)}/${count(r.rssMb.naive)}` : '-',
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...body.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const table = [line(COLUMNS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
  if (rows.some((r) => r.tinker && !r.tinker.sameAnswer)) table.push('* TinkerGraph answered differently from the embedded server');
  return table.join('\n');
}

interface Series {
  readonly name: string;
  readonly colour: string;
  value(r: Row): number | undefined;
}

const GATEWAYS: readonly Series[] = [
  { name: 'nereid', colour: '#2b6cb0', value: (r) => r.nereid.c1.p50 },
  { name: 'hand-written traversal', colour: '#38a169', value: (r) => r.hand.c1.p50 },
  { name: 'naive gateway', colour: '#c53030', value: (r) => r.naive?.c1.p50 },
];

const ENGINES: readonly Series[] = [
  { name: 'hand-written, embedded server', colour: '#38a169', value: (r) => r.hand.c1.p50 },
  { name: 'hand-written, TinkerGraph', colour: '#805ad5', value: (r) => r.tinker?.c1.p50 },
];

/** p50 per query at the highest latency measured: nereid beside the hand-written traversal and the naive gateway. */
export function renderSvg(rows: readonly Row[], machine: { cpus: number; cpu: string; node: string }): string {
  const latency = Math.max(...rows.map((r) => r.latency));
  return bars(rows.filter((r) => r.latency === latency), GATEWAYS, `p50 latency per operation, ${latency} ms added per response frame (log scale, ms)`, machine);
}

/** p50 of the hand-written traversals at 0 ms on the embedded server and on TinkerGraph, where both ran. */
export function renderTinkerGraphSvg(rows: readonly Row[], machine: { cpus: number; cpu: string; node: string }): string {
  return bars(rows.filter((r) => r.tinker), ENGINES, 'p50 of the hand-written traversal, embedded server and TinkerGraph, 0 ms added (log scale, ms)', machine);
}

/** Grouped bars, one group per row and one bar per series, on a log scale. */
function bars(shown: readonly Row[], series: readonly Series[], title: string, machine: { cpus: number; cpu: string; node: string }): string {
  const barH = 9;
  const groupH = series.length * barH + 10;
  const left = 260;
  const width = 900;
  const top = 56;
  const height = top + shown.length * groupH + 40;
  const max = Math.max(...shown.flatMap((r) => series.map((s) => s.value(r) ?? 0)));
  const scale = (v: number) => ((Math.log10(Math.max(v, 0.1)) + 1) / (Math.log10(max) + 1.2)) * (width - left - 80);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="10" y="34" fill="#555">${esc(`${machine.cpus} x ${machine.cpu}, Node ${machine.node}; concurrency 1`)}</text>`,
    ...series.map((s, i) => `<rect x="${10 + i * 200}" y="40" width="10" height="10" fill="${s.colour}"/><text x="${24 + i * 200}" y="49">${s.name}</text>`),
  ];
  shown.forEach((r, i) => {
    const y = top + i * groupH;
    parts.push(`<text x="${left - 6}" y="${y + groupH / 2}" text-anchor="end">${esc(`${r.dataset}: ${r.scenario}`)}</text>`);
    series.forEach((s, j) => {
      const v = s.value(r);
      if (v === undefined) return;
      const w = Math.max(1, scale(v));
      parts.push(`<rect x="${left}" y="${y + j * barH}" width="${w.toFixed(1)}" height="${barH - 1}" fill="${s.colour}"/>`);
      parts.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + j * barH + barH - 1}" fill="#333">${ms(v)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
