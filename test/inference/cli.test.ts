import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs `nereid ...` from source, with no endpoint in the environment whatever the developer's shell has. */
async function nereid(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(NEPTUNE|GREMLIN)_/.test(name)) delete env[name];
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('nereid infer-schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nereid-infer-'));
  const nodes = join(dir, 'nodes.csv');
  const edges = join(dir, 'edges.csv');
  writeFileSync(nodes, '~id,~label,name:String,age:Int\nada,person,Ada,36\nbob,person,Bob,\n');
  writeFileSync(edges, '~id,~from,~to,~label,since:Int\ne1,ada,bob,knows,2001\n');

  it('refuses to run with no endpoint and nothing to load, saying what to set', async () => {
    const { code, stdout, stderr } = await nereid('infer-schema');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no Gremlin endpoint configured: set NEPTUNE_ENDPOINT or GREMLIN_ENDPOINT');
    expect(stderr).toContain('--load FILE');
  }, 60_000);

  it('infers from --load files, the schema on stdout and a summary on stderr', async () => {
    const { code, stdout, stderr } = await nereid('infer-schema', '--load', nodes, '--load', edges);
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        'type Person @vertex(label: "person") {',
        '  id: ID! @id',
        '  age: Int',
        '  name: String!',
        '  knows: [Person!]! @edge(label: "knows", direction: OUT, properties: "KnowsProperties")',
        '  personKnows: [Person!]! @edge(label: "knows", direction: IN, properties: "KnowsProperties")',
        '}',
      ].join('\n'),
    );
    expect(stderr).toMatch(/^nereid: 1 type inferred with 4 Gremlin requests in \d+ ms\n$/);
  }, 60_000);

  it('writes to -o, states the sample bound in the header, and checks its numeric flags', async () => {
    const output = join(dir, 'schema.graphql');
    const written = await nereid('infer-schema', '--load', nodes, '--load', edges, '--sample', '5', '-o', output);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toMatch(/^# Inferred by `nereid infer-schema` from at most 5 vertices per vertex label/);
    const bad = await nereid('infer-schema', '--load', nodes, '--concurrency', '0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--concurrency: expected a whole number from 1 to 16, got "0"');
  }, 60_000);
});
