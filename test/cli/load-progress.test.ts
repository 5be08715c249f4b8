import { loadProgress } from '../../src/cli/load-progress';

describe('loadProgress', () => {
  const terminal = () => {
    const lines: string[] = [];
    return { lines, stream: { isTTY: true, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream };
  };

  it('draws rows, rate and ETA for a large file on a terminal, and ends the line when the file is read', () => {
    const { lines, stream } = terminal();
    const show = loadProgress(stream)!;
    const totalBytes = 100 * 1024 * 1024;
    show({ file: '/data/edges.csv', bytes: totalBytes / 4, totalBytes, rows: 250_000 });
    show({ file: '/data/edges.csv', bytes: totalBytes, totalBytes, rows: 1_000_000 });
    expect(lines[0]).toMatch(/edges\.csv: 25%, 250,000 rows, [\d,]+ rows\/s, ETA \d+ s$/);
    expect(lines.at(-1)).toMatch(/edges\.csv: 100%, 1,000,000 rows, [\d,]+ rows\/s, done\n$/);
  });

  it('stays silent for small files and off a terminal', () => {
    const { lines, stream } = terminal();
    loadProgress(stream)!({ file: 'v.csv', bytes: 10, totalBytes: 10, rows: 1 });
    expect(lines).toEqual([]);
    expect(loadProgress({ isTTY: false } as NodeJS.WriteStream)).toBeUndefined();
  });
});
