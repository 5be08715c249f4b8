import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMIT_SETTINGS, renderLimitSettingsTable } from '../../src/gateway/limit-settings';
import { DEFAULT_LIMITS } from '../../src/gateway/limits';
import { renderSettingsTable } from '../../src/neptune/settings';
import { renderSecuritySettingsTable } from '../../src/security/settings';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../src/operations/page';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two-command quick start', () => {
    const quickStart = readme.split('## Quick start')[1].split('##')[0];
    const commands = /```sh\n([\s\S]*?)```/.exec(quickStart)![1].trim().split('\n');
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
  });

  it('documents exactly the connection settings the code reads', () => {
    const table = /<!-- settings-table:start -->\n([\s\S]*?)\n<!-- settings-table:end -->/.exec(readme)![1];
    expect(table).toBe(renderSettingsTable());
  });

  it('documents exactly the query-limit settings the code reads', () => {
    const table = /<!-- limit-settings-table:start -->\n([\s\S]*?)\n<!-- limit-settings-table:end -->/.exec(readme)![1];
    expect(table).toBe(renderLimitSettingsTable());
  });

  it('documents exactly the security settings the code reads', () => {
    const table = /<!-- security-settings-table:start -->\n([\s\S]*?)\n<!-- security-settings-table:end -->/.exec(readme)![1];
    expect(table).toBe(renderSecuritySettingsTable());
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
      expect({ limit, values }).toEqual({ limit, values: envs.map((env) => DEFAULT_LIMITS[LIMIT_SETTINGS.find((s) => s.env === env)!.option]) });
      named.push(...envs);
    }
    expect(named.sort()).toEqual(LIMIT_SETTINGS.map((s) => s.env).sort());
    const pageSize = cells.find(([limit]) => limit.startsWith('Page size'))!;
    expect(pageSize[1]).toBe(`${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}`);
  });
});
