import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Calls an exported function of a conformance module in a child Node process under tsx, the runtime the
 * runner itself uses, and returns its JSON-serialised result. Needed for code that loads the Gherkin
 * packages: they ship as ES modules only, which Jest's CommonJS module system cannot load (Node's own
 * require can). Arguments and results must survive JSON.
 */
export function callUnderTsx<T>(module: string, exportName: string, ...args: unknown[]): T {
  const script = `
    const m = require(${JSON.stringify(join(__dirname, '../../../conformance', module))});
    const result = m[${JSON.stringify(exportName)}](...${JSON.stringify(args)});
    process.stdout.write(JSON.stringify(result));
  `;
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}
