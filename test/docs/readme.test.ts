import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMIT_SETTINGS } from '../../src/gateway/settings';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../src/operations/page';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two-command quick start', () => {
    const quickStart = readme.split('## Quick start')[1].split('##')[0];
    const commands = /```sh\n([\s\S]*?)```/.exec(quickStart)![1].trim().split('\n');
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
  });

  it('gives the defaults the code has in the Limits table, and names each limit setting there once', () => {
    const section = readme.split('## Limits')[1].split('\n## ')[0];
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Limit '));
    const cells = rows.map((row) => row.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '')));
    const named: string[] = [];
    for (const [limit, value, setting] of cells) {
      if (setting === 'fixed') continue;
      const envs = setting.split(' / ').map((s) => s.replace(/`/g, ''));
      const values = value.split(' / ').map((v) => Number(v.replace(/,/g, '')));
      expect({ limit, values }).toEqual({ limit, values: envs.map((env) => Object.values(LIMIT_SETTINGS).find((s) => s.env === env)!.default) });
      named.push(...envs);
    }
    expect(named.sort()).toEqual(Object.values(LIMIT_SETTINGS).map((s) => s.env).sort());
    const pageSize = cells.find(([limit]) => limit.startsWith('Page size'))!;
    expect(pageSize[1]).toBe(`${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}`);
  });
});
