import gremlin from 'gremlin';
import { GraphError } from '../../../src/embedded/errors';
import { GremlinSyntaxError, compileTraversal, parseTraversal } from '../../../src/embedded/language';

const { P, EnumValue } = gremlin.process;

const steps = (text: string, bindings?: Record<string, unknown>) => parseTraversal(text, bindings).bytecode.stepInstructions;
const injected = (args: string) => steps(`g.inject(${args})`)[0].slice(1);

function syntaxError(text: string, bindings?: Record<string, unknown>): GremlinSyntaxError {
  try {
    parseTraversal(text, bindings);
  } catch (err) {
    if (err instanceof GremlinSyntaxError) return err;
    throw err;
  }
  throw new Error(`parsed: ${text}`);
}

describe('literals', () => {
  it('reads numbers in every form of the grammar', () => {
    expect(injected('0, 7, -7, +7, 1_000, 0x1F, 0XfF, 017, 0_17, 5b, 5s, 5i, 5I, 5l, 5L, 5n, 5N')).toEqual([
      0, 7, -7, 7, 1000, 31, 255, 15, 15, 5, 5, 5, 5, 5, 5, 5, 5,
    ]);
    expect(injected('1.5, -1.5, 1.5f, 1.5F, 1.5d, 1.5D, 1.5m, 1.5M, 2f, 2d, 1e3, 1E-3, 1.5e+2, -2.5e1d')).toEqual([
      1.5, -1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 2, 2, 1000, 0.001, 150, -25,
    ]);
  });

  it('keeps integers beyond 2^53 exact as bigint', () => {
    expect(injected('9007199254740991, 9007199254740993L, -9223372036854775808L, 0x7FFFFFFFFFFFFFFF')).toEqual([
      9007199254740991, 9007199254740993n, -9223372036854775808n, 9223372036854775807n,
    ]);
  });

  it('reads NaN, infinities, null and booleans', () => {
    const [nan, ...rest] = injected('NaN, Infinity, -Infinity, +Infinity, null, true, false');
    expect(nan).toBeNaN();
    expect(rest).toEqual([Infinity, -Infinity, Infinity, null, true, false]);
  });

  it('decodes string escapes in either quote', () => {
    expect(injected(String.raw`'it\'s', "say \"hi\"", "\t\n\r\b\f\\", "\u00e9\uu00E9", "\101\60\0", 'a\
b', "", ''`)).toEqual(["it's", 'say "hi"', '\t\n\r\b\f\\', 'éé', 'A0\0', 'ab', '', '']);
    expect(injected(`"multi\nline"`)).toEqual(['multi\nline']);
  });

  it('builds lists, maps, sets and nested collections', () => {
    const [list, map, empty, set, nested] = injected('[1, "a"], [a: 1, "b": 2, 3: [4], (T.id): 5, label: 6, OUT: 7], [:], {1, 1, 2}, [[x: []]]');
    expect(list).toEqual([1, 'a']);
    expect([...(map as Map<unknown, unknown>)]).toEqual([
      ['a', 1], ['b', 2], [3, [4]], [gremlin.process.t.id, 5], [gremlin.process.t.label, 6], [gremlin.process.direction.out, 7],
    ]);
    expect(empty).toEqual(new Map());
    expect(set).toEqual(new Set([1, 2]));
    expect(nested).toEqual([new Map([['x', []]])]);
  });

  it('reads datetime as UTC unless an offset is given', () => {
    expect(injected('datetime("2023-08-02"), datetime("2023-08-02T01:02:03.456"), datetime("2023-08-02T00:00:00-05:30")')).toEqual([
      new Date('2023-08-02T00:00:00Z'), new Date('2023-08-02T01:02:03.456Z'), new Date('2023-08-02T05:30:00Z'),
    ]);
    const before = Date.now();
    const [now] = injected('datetime()') as Date[];
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(parseTraversal('g.inject(datetime(x))', { x: '2020-01-01T00:00:00Z' }).bytecode.stepInstructions[0][1]).toEqual(new Date('2020-01-01T00:00:00Z'));
  });

  it('ignores whitespace and line comments', () => {
    expect(steps('g // the graph\n  .V()  // all vertices\n\t.count()')).toEqual([['V'], ['count']]);
  });
});

describe('traversals', () => {
  it('names the traversal source, whatever its alias', () => {
    expect(parseTraversal('g.V()').source).toBe('g');
    expect(parseTraversal('social.V()').source).toBe('social');
    const bare = parseTraversal('g');
    expect([bare.bytecode.sourceInstructions, bare.bytecode.stepInstructions]).toEqual([[], []]);
  });

  it('passes any step name through, leaving unknown steps to the interpreter', () => {
    expect(steps('g.V().noSuchStep(1).out()')).toEqual([['V'], ['noSuchStep', 1], ['out']]);
  });

  it('reports the terminal method, appending none() for iterate() as the driver does', () => {
    expect(parseTraversal('g.V().toList()').terminal).toEqual({ name: 'toList' });
    expect(parseTraversal('g.V().next(2);').terminal).toEqual({ name: 'next', count: 2 });
    expect(parseTraversal('g.V()').terminal).toBeUndefined();
    const iterated = parseTraversal('g.addV("x").iterate()');
    expect(iterated.terminal).toEqual({ name: 'iterate' });
    expect(iterated.bytecode.stepInstructions).toEqual([['addV', 'x'], ['none']]);
  });

  it('reads bare not() as P.not for a predicate and as the step otherwise', () => {
    const [, pNot] = steps('g.V().is(not(eq(1)))')[1];
    expect(pNot).toEqual(P.not(P.eq(1)));
    const [, stepNot] = steps('g.V().where(not(out()))')[1] as [string, gremlin.process.Bytecode];
    expect(stepNot.stepInstructions).toEqual([['not', expect.objectContaining({ stepInstructions: [['out']] })]]);
  });

  it('tells tokens apart from steps by the parenthesis', () => {
    const [, byId] = steps('g.V().by(id)')[1];
    expect(byId).toBe(gremlin.process.t.id);
    const [, byIdStep] = steps('g.V().by(id())')[1] as [string, gremlin.process.Bytecode];
    expect(byIdStep.stepInstructions).toEqual([['id']]);
    expect(steps('g.V().order().by(values, desc)')[2].slice(1)).toEqual([gremlin.process.column.values, gremlin.process.order.desc]);
    expect(steps('g.V().order().by(Order.incr).by(decr)').slice(2).map((s) => s[1])).toEqual([gremlin.process.order.asc, gremlin.process.order.desc]);
    expect(steps('g.E().toV(Direction.from).toV(to)').slice(1).map((s) => s[1])).toEqual([gremlin.process.direction.out, gremlin.process.direction.in]);
  });
});

describe('variables', () => {
  it('binds values and lists the names the text needs', () => {
    const compiled = compileTraversal('g.V(vid).has("age", P.gt(min)).where(__.hasId(other)).order().by(id, desc)');
    expect(compiled.variables).toEqual(['vid', 'other']);
    expect(compiled.bind({ vid: 'a', min: 30, other: 'b' }).stepInstructions[0]).toEqual(['V', 'a']);
  });

  it('lets a binding take the place of a bare token of the same name', () => {
    const compiled = compileTraversal('g.V(id).by(label)');
    expect(compiled.bind({ id: 'u1' }).stepInstructions).toEqual([['V', 'u1'], ['by', gremlin.process.t.label]]);
    expect(compiled.bind({}).stepInstructions[0]).toEqual(['V', gremlin.process.t.id]);
  });

  it('parses once and builds fresh objects on every bind', () => {
    const compiled = compileTraversal('g.V(ids).has("tags", within(tags)).by(__.values("name")).property("m", [a: 1])');
    const first = compiled.bind({ ids: 1, tags: ['x'] });
    const second = compiled.bind({ ids: 2, tags: ['y', 'z'] });
    expect(first.stepInstructions[0]).toEqual(['V', 1]);
    expect(second.stepInstructions[0]).toEqual(['V', 2]);
    expect(first.stepInstructions[1][2]).toEqual(P.within(['x']));
    expect(second.stepInstructions[1][2]).toEqual(P.within(['y', 'z']));
    (first.stepInstructions[2][1] as gremlin.process.Bytecode).addStep('mutated', []);
    (first.stepInstructions[3][2] as Map<string, number>).set('b', 2);
    expect((second.stepInstructions[2][1] as gremlin.process.Bytecode).stepInstructions).toEqual([['values', 'name']]);
    expect(second.stepInstructions[3][2]).toEqual(new Map([['a', 1]]));
  });

  it('refuses unbound variables and lambda values, naming them with their position', () => {
    const unbound = syntaxError('g.V().\n  hasId(other)', {});
    expect(unbound.problem).toBe("variable 'other' is not bound");
    expect([unbound.line, unbound.column]).toEqual([2, 9]);
    expect(syntaxError('g.V().map(f)', { f: () => 'it.get()' }).message).toMatch(/variable 'f' is a lambda: lambdas are not supported/);
  });
});

describe('errors', () => {
  it('are MalformedQueryExceptions with line, column and the problem', () => {
    const err = syntaxError('g.V()\n  .has("name",, 1)');
    expect(err).toBeInstanceOf(GraphError);
    expect(err.code).toBe('MalformedQueryException');
    expect(err.name).toBe('GremlinSyntaxError');
    expect([err.line, err.column]).toEqual([2, 15]);
    expect(err.problem).toBe("expected an argument but found ','");
    expect(err.message).toBe("expected an argument but found ',' (line 2, column 15)");
  });

  it.each([
    ["g.V().filter{it.get().value('age') > 30}", /Groovy closure after filter: lambdas are not supported/, 1, 13],
    ['g.V().map({ it -> it.get() })', /Groovy lambdas are not supported/, 1, 11],
    ['g.V().map({a, b -> a})', /Groovy lambdas are not supported/, 1, 11],
    ['g.V().map(Lambda.function("it.get()"))', /lambdas are not supported/, 1, 11],
    ['g.inject({1 2})', /neither a set literal .* lambdas are not supported/, 1, 10],
    ['g.V().has("age", > 3)', /found '>', which is not part of Gremlin \(if it belongs to a lambda: lambdas are not supported/, 1, 18],
    ['g.out()', /'out' cannot start a traversal: expected a source step \(V, E, addV/, 1, 3],
    ['__.out()', /an anonymous traversal \(__\) cannot be run on its own/, 1, 1],
    ['g.V().out', /expected '\(' after out but found end of input/, 1, 10],
    ['g.V().as("a").', /expected a step name but found end of input/, 1, 15],
    ['g.V().where(__.out().toList())', /toList\(\) ends a traversal and cannot be used inside a child traversal/, 1, 22],
    ['g.V().next().count()', /expected end of input after the terminal method but found '.'/, 1, 13],
    ['g.V().toList(1)', /toList\(\) takes no arguments/, 1, 7],
    ['g.V(); g.E()', /only one traversal per script/, 1, 8],
    ['g.tx().begin()', /tx\(\)\.begin\(\) is not supported/, 1, 8],
    ['g.V().has("a", P.foo(1))', /unknown predicate P.foo; expected one of eq, neq/, 1, 18],
    ['g.V().has("a", TextP.gt(1))', /unknown predicate TextP.gt; expected one of containing/, 1, 22],
    ['g.V().has("a", P.between(1))', /P.between\(\) takes 2 arguments, not 1/, 1, 18],
    ['g.V().has("a", P.not(1))', /P.not\(\) takes a predicate/, 1, 18],
    ['g.V().has("a", P.gt(1).and(2))', /and\(\) on a predicate takes a predicate/, 1, 24],
    ['g.V().by(T.name)', /unknown token T.name; expected one of T.id, T.label, T.key, T.value/, 1, 12],
    ['g.withStrategies(FooStrategy)', /unknown traversal strategy 'FooStrategy'; known: .*ReadOnlyStrategy/, 1, 18],
    ['g.withStrategies(new ReadOnlyStrategy(a: 1))', /ReadOnlyStrategy takes no configuration/, 1, 22],
    ['g.withStrategies(EdgeLabelVerificationStrategy(warn: true))', /has no option 'warn'; options: logWarnings, throwException/, 1, 18],
    ['g.withStrategies(new SeedStrategy())', /SeedStrategy needs 'seed'/, 1, 22],
    ['g.withStrategies("ReadOnlyStrategy")', /withStrategies\(\) takes traversal strategies/, 1, 3],
    ['g.with()', /with\(\) takes a key and an optional value/, 1, 3],
    ['g.V("abc', /unterminated string literal/, 1, 5],
    ['g.V("a\\qb")', /invalid escape sequence '\\q'/, 1, 7],
    ['g.V(12abc)', /invalid number literal '12a'/, 1, 5],
    ['g.V(09)', /invalid number literal '09'/, 1, 5],
    ['g.V(1_)', /invalid number literal '1_'/, 1, 5],
    ['g.inject(1..3)', /ranges such as 1..3 are not supported/, 1, 10],
    ['g.inject(datetime("2023-02-30"))', /invalid datetime '2023-02-30'/, 1, 10],
    ['g.inject(datetime(1))', /datetime\(\) takes an ISO 8601 string/, 1, 10],
    ['g.V().addE("x").from(g.V(1))', /a traversal spawned from g cannot be an argument; use __/, 1, 22],
    ['g.V().has("a", Cardinality.list(1, 2))', /list\(\) takes 1 argument, not 2/, 1, 28],
  ])('%s', (text, message, line, column) => {
    const err = syntaxError(text);
    expect(err.message).toMatch(message);
    expect([err.line, err.column]).toEqual([line, column]);
  });

  it('reports a datetime variable that does not hold a date', () => {
    expect(syntaxError('g.inject(datetime(x))', { x: 'soon' }).message).toMatch(/datetime\(x\) needs an ISO 8601 string/);
    expect(parseTraversal('g.inject(datetime(x))', { x: new Date(0) }).bytecode.stepInstructions[0][1]).toEqual(new Date(0));
  });

  it('keeps EnumValue singletons of the driver', () => {
    expect(steps('g.V().order().by(Order.desc)')[2][1]).toBeInstanceOf(EnumValue);
    expect(steps('g.V().order().by(Order.desc)')[2][1]).toBe(gremlin.process.order.desc);
  });
});
