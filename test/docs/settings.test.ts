import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMIT_SETTINGS, SERVER_SETTINGS } from '../../src/gateway/settings';
import { CONNECTION_SETTINGS } from '../../src/neptune/settings';
import { MEMORY_SETTINGS } from '../../src/cli/heap';
import { SECURITY_SETTINGS } from '../../src/security/settings';
import { renderSettingsTable, type Settings } from '../../src/settings';

/** Every group of declared settings, by the marker of its table in the README. */
const TABLES: Record<string, Settings> = {
  'settings-table': CONNECTION_SETTINGS,
  'limit-settings-table': LIMIT_SETTINGS,
  'server-settings-table': SERVER_SETTINGS,
  'security-settings-table': SECURITY_SETTINGS,
  'memory-settings-table': MEMORY_SETTINGS,
};

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('settings', () => {
  it('are documented in the README exactly as declared, each group in its table', () => {
    const markers = [...readme.matchAll(/<!-- ([a-z-]+):start -->/g)].map((m) => m[1]).filter((m) => m.endsWith('settings-table'));
    expect(markers.sort()).toEqual(Object.keys(TABLES).sort());
    for (const [marker, settings] of Object.entries(TABLES)) {
      const table = new RegExp(`<!-- ${marker}:start -->\\n([\\s\\S]*?)\\n<!-- ${marker}:end -->`).exec(readme)?.[1];
      expect({ marker, table }).toEqual({ marker, table: renderSettingsTable(settings) });
    }
  });

  it('each have a variable and a flag of their own', () => {
    const all = Object.values(TABLES).flatMap((settings) => Object.values(settings));
    for (const key of ['env', 'flag'] as const) expect(new Set(all.map((s) => s[key])).size).toBe(all.length);
  });
});
