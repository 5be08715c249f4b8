import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSettingsTable } from '../../src/neptune/settings';

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
});
