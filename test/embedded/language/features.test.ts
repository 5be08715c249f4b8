import fs from 'fs';
import gremlin from 'gremlin';
import path from 'path';
import { GremlinSyntaxError, parseTraversal } from '../../../src/embedded/language';

/*
 * Every traversal text of TinkerPop's Gremlin feature suite must parse: the traversals under test, the graph
 * initializers and the count checks. Parameters are bound to placeholders of the kind the suite's notation names;
 * lambda parameters are bound to functions (what the driver sends as a lambda) and must be refused as lambdas.
 * The feature files are read line by line: @cucumber/gherkin is ESM only, which Jest cannot load here.
 */

const FEATURES = path.resolve(__dirname, '../../../../shared/tinkerpop/features');

interface Text {
  where: string;
  text: string;
  bindings: Record<string, unknown>;
  lambda: boolean;
}

/** A placeholder of the notation's kind (`l[...]` a list, `m[...]` a map, `c[...]` a lambda, ...). */
function placeholder(notation: string): unknown {
  switch (notation[0]) {
    case 'c':
      return () => notation;
    case 'l':
      return [];
    case 'm':
      return new Map();
    case 's':
      return new Set();
    case 't':
      return gremlin.process.t.label;
    case 'v':
    case 'e':
      return notation.endsWith('.id') ? 'id' : new gremlin.structure.Vertex('id' as never, 'label', undefined);
    case 'd':
      return 1;
    default:
      return notation;
  }
}

function featureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? featureFiles(full) : e.name.endsWith('.feature') ? [full] : [];
  });
}

function collectTexts(): { texts: Text[]; scenarios: number } {
  const texts: Text[] = [];
  let scenarios = 0;
  for (const file of featureFiles(FEATURES)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    let scenario: { where: string; bindings: Record<string, unknown>; lambda: boolean } | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      let m: RegExpExecArray | null;
      if ((m = /^Scenario: (.*)$/.exec(line))) {
        scenarios++;
        scenario = { where: `${path.relative(FEATURES, file)}: ${m[1]}`, bindings: {}, lambda: false };
      } else if (!scenario) {
        continue;
      } else if ((m = /^And using the parameter (\w+) defined as "(.*)"$/.exec(line))) {
        scenario.bindings[m[1]] = placeholder(m[2]);
        scenario.lambda ||= m[2].startsWith('c[');
      } else if ((m = /^And using the parameter (\w+) of P\.(\w+)\("(.*)"\)$/.exec(line))) {
        const predicates = gremlin.process.P as unknown as Record<string, (value: unknown) => unknown>;
        scenario.bindings[m[1]] = predicates[m[2]](placeholder(m[3]));
      } else if (/^(Given|And) the (traversal|graph initializer) of$/.test(line)) {
        // The docstring may follow a comment line.
        const start = lines.findIndex((l, j) => j > i && l.trim() === '"""');
        const end = lines.findIndex((l, j) => j > start && l.trim() === '"""');
        const text = lines.slice(start + 1, end).join('\n');
        texts.push({ ...scenario, text, lambda: scenario.lambda || /Lambda\./.test(text) });
        i = end;
      } else if ((m = /^And the graph should return \d+ for count of "(.*)"$/.exec(line))) {
        texts.push({ ...scenario, text: m[1].replace(/\\"/g, '"'), lambda: false });
      }
    }
  }
  return { texts, scenarios };
}

describe('the TinkerPop feature suite', () => {
  const { texts, scenarios } = collectTexts();

  it('holds the expected scenarios', () => {
    expect(scenarios).toBeGreaterThan(1500);
    expect(texts.length).toBeGreaterThan(2000);
  });

  it('parses every traversal, graph initializer and count query, refusing only lambdas', () => {
    const failures: string[] = [];
    let parsed = 0;
    let refusedLambdas = 0;
    // CPU time rather than wall time: other work on the machine must not fail this test.
    const started = process.cpuUsage();
    for (const { where, text, bindings, lambda } of texts) {
      try {
        parseTraversal(text, bindings);
        if (lambda) failures.push(`${where}: a lambda was accepted`);
        else parsed++;
      } catch (err) {
        if (lambda && err instanceof GremlinSyntaxError && /lambda/.test(err.message)) refusedLambdas++;
        else failures.push(`${where}: ${(err as Error).message}\n${text}`);
      }
    }
    const used = process.cpuUsage(started);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(`${scenarios} scenarios: ${parsed} texts parsed, ${refusedLambdas} lambdas refused, in ${cpuMs.toFixed(0)} ms of CPU`);
    expect(failures).toEqual([]);
    expect(parsed + refusedLambdas).toBe(texts.length);
    expect(refusedLambdas).toBeGreaterThan(0);
    expect(cpuMs).toBeLessThan(1000);
  });
});
