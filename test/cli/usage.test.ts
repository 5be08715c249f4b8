import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { runCli } from '../support/cli';

// Every case starts nereid from its TypeScript sources: several seconds each, and several times that on a busy machine.
jest.setTimeout(120_000);

/** What a first-time user sees from `nereid` before anything serves: help, version, and refusals. */

const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

describe('nereid usage', () => {
  it('prints its version', async () => {
    const { code, output } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(output.trim()).toBe(version);
  });

  it('lists the commands with examples', async () => {
    const { code, output } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'infer-schema', 'gremlin-server', 'load', 'export']) expect(output).toContain(`  ${command} [options]`);
    expect(output).toContain('Examples:');
    expect(output).toContain('nereid serve --neptune-endpoint my-db.cluster-abc123.us-east-1.neptune.amazonaws.com --neptune-iam-auth true');
  });

  it.each(['serve', 'infer-schema', 'load', 'export'])('%s --help names what each connection flag takes, its variable and default, in plain text', async (command) => {
    const { code, output } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(output).toMatch(/--neptune-endpoint <host> +Neptune writer/);
    expect(output).toMatch(/--neptune-port <port> +Port of both Neptune endpoints\. A whole number from 1 to 65535\. \(env NEPTUNE_PORT, default: 8182\)/);
    expect(output).toMatch(/--neptune-iam-auth <true\|false> /);
    expect(output).toMatch(/--gremlin-endpoint <url> /);
    expect(output).toMatch(/--gremlin-timeout-ms <ms> .*\(env GREMLIN_TIMEOUT_MS, default: 30000\)/);
    expect(output).not.toContain('<value>');
    expect(output).not.toContain('`');
    expect(output).not.toContain('(default: [])');
    expect(output).not.toContain('(default: false)');
  });

  it('refuses an unknown option, a bad value and a broken schema in lines starting with its name', async () => {
    const unknown = await runCli(['serve', '--bogus']);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toBe("nereid: unknown option '--bogus'\n");

    const port = await runCli(['serve', '--port', 'x']);
    expect(port.code).toBe(1);
    expect(port.output).toBe('nereid: --port: expected a whole number from 0 to 65535, got "x"\n');

    const dir = mkdtempSync(join(tmpdir(), 'nereid-usage-'));
    const schema = join(dir, 'bad.graphql');
    writeFileSync(schema, 'type User @vertex(label: "User") {\n  id: ID!\n  name: Strin\n}\n');
    const broken = await runCli(['serve', '--port', '0', '--schema', schema]);
    expect(broken.code).toBe(1);
    expect(broken.output).toBe(`nereid: ${schema} is not a valid typed schema:\n  ${schema}:3:9: Unknown type "Strin". Did you mean "String"?\n`);
  });

  it('says which setting to change when its port is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const taken = await runCli(['serve', '--port', String(port), '--host', '127.0.0.1', '--empty']);
      expect(taken.code).toBe(1);
      expect(taken.output).toBe(`nereid: port ${port} is in use on 127.0.0.1; stop what holds it, or choose another with --port or PORT\n`);
    } finally {
      holder.close();
    }
  });
});
