import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvLoadError, loadNeptuneCsv } from '../../../src/embedded/import/neptune-csv';
import { Graph, type Vertex } from '../../../src/embedded/structure';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neptune-csv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const values = (v: Vertex | undefined, key: string) => v?.properties.get(key)?.map((p) => p.value);

/** Everything observable about a graph, to prove a failed load changed nothing. */
function snapshot(g: Graph): unknown {
  return {
    vertices: [...g.vertices()].map((v) => [v.id, v.labels, [...v.properties].map(([k, ps]) => [k, ps.map((p) => p.value)])]).sort(),
    edges: [...g.edges()].map((e) => [e.id, e.label, e.outV.id, e.inV.id, [...e.properties].map(([k, p]) => [k, p.value])]).sort(),
  };
}

async function loadError(g: Graph, files: string[]): Promise<CsvLoadError> {
  const err = await loadNeptuneCsv(g, files).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CsvLoadError);
  return err as CsvLoadError;
}

describe('loadNeptuneCsv: values', () => {
  it('types property columns as declared, case-insensitively, String when undeclared', async () => {
    const g = new Graph();
    const v = file(
      'v.csv',
      [
        '~id,~label,name,flag:Bool,ok:boolean,b:Byte,s:short,i:Int,l:Long,big:Long,f:Float,d:DOUBLE,when:Date',
        'a,thing,Ann,true,FALSE,-128,32767,42,9007199254740993,-9223372036854775808,0.1,-1.5e3,2024-02-29',
      ].join('\n'),
    );
    expect(await loadNeptuneCsv(g, [v])).toMatchObject({ vertices: 1, edges: 0 });
    const a = g.vertex('a');
    expect(values(a, 'name')).toEqual(['Ann']);
    expect(values(a, 'flag')).toEqual([true]);
    expect(values(a, 'ok')).toEqual([false]);
    expect(values(a, 'b')).toEqual([-128]);
    expect(values(a, 's')).toEqual([32767]);
    expect(values(a, 'i')).toEqual([42]);
    // Beyond 2^53 a Long stays exact as a bigint.
    expect(values(a, 'l')).toEqual([9007199254740993n]);
    expect(values(a, 'big')).toEqual([-9223372036854775808n]);
    expect(values(a, 'f')).toEqual([Math.fround(0.1)]);
    expect(values(a, 'd')).toEqual([-1500]);
    expect(values(a, 'when')).toEqual([new Date('2024-02-29T00:00:00Z')]);
  });

  it('reads the numbers Java prints at the edges of their types as Java parses them', async () => {
    const g = new Graph();
    // Float.MAX_VALUE as Float.toString writes it, which is above the float's exact value; an integer -0 is 0.
    const v = file('v.csv', ['~id,max:Float,zero:Int,negative:Double', 'a,3.4028235E38,-0,-0.0'].join('\n'));
    await loadNeptuneCsv(g, [v]);
    expect(values(g.vertex('a'), 'max')).toEqual([Math.fround(3.4028235e38)]);
    expect(Object.is(values(g.vertex('a'), 'zero')?.[0], 0)).toBe(true);
    expect(Object.is(values(g.vertex('a'), 'negative')?.[0], -0)).toBe(true);
    const tooBig = await loadError(new Graph(), [file('w.csv', '~id,max:Float\na,3.5E38\n')]);
    expect(tooBig.message).toContain('out of range for Float');
  });

  it('reads the ISO-8601 date forms Neptune accepts, as UTC unless a zone is given', async () => {
    const g = new Graph();
    const v = file(
      'v.csv',
      [
        '~id,when:Date',
        'd1,2021-07-04',
        'd2,2021-07-04T10:30',
        'd3,2021-07-04T10:30:15',
        'd4,2021-07-04T10:30:15Z',
        'd5,2021-07-04T10:30:15.250+02:00',
      ].join('\n'),
    );
    await loadNeptuneCsv(g, [v]);
    const iso = (id: string) => (values(g.vertex(id), 'when')![0] as Date).toISOString();
    expect(iso('d1')).toBe('2021-07-04T00:00:00.000Z');
    expect(iso('d2')).toBe('2021-07-04T10:30:00.000Z');
    expect(iso('d3')).toBe('2021-07-04T10:30:15.000Z');
    expect(iso('d4')).toBe('2021-07-04T10:30:15.000Z');
    expect(iso('d5')).toBe('2021-07-04T08:30:15.250Z');
  });

  it('splits arrays and multiple labels on ;, honours \\; and skips empty cells', async () => {
    const g = new Graph();
    const v = file(
      'v.csv',
      [
        '~id,~label,tags:String[],nums:Int[],note:String,age:Int',
        'a,person;employee,x;y\\;z;x,1;2;3,keeps ; as is,',
        'b,person,,,"quoted, with comma",7',
      ].join('\n'),
    );
    await loadNeptuneCsv(g, [v]);
    const a = g.vertex('a')!;
    expect(a.labels).toEqual(['person', 'employee']);
    // Set cardinality (the default) keeps one copy of the repeated x.
    expect(values(a, 'tags')).toEqual(['x', 'y;z']);
    expect(values(a, 'nums')).toEqual([1, 2, 3]);
    expect(values(a, 'note')).toEqual(['keeps ; as is']);
    expect(a.properties.has('age')).toBe(false);
    const b = g.vertex('b')!;
    expect(b.properties.has('tags')).toBe(false);
    expect(values(b, 'note')).toEqual(['quoted, with comma']);
  });

  it('supplies the labels vertex and edge when a file has no ~label column', async () => {
    const g = new Graph();
    await loadNeptuneCsv(g, [file('v.csv', '~id\na\nb\n'), file('e.csv', '~id,~from,~to\ne1,a,b\n')]);
    expect(g.vertex('a')!.label).toBe('vertex');
    expect(g.edge('e1')!.label).toBe('edge');
  });
});

describe('loadNeptuneCsv: files', () => {
  it('loads vertex files before edge files whatever the argument order', async () => {
    const g = new Graph();
    const e = file('e.csv', '~id,~from,~to,~label,weight:Double\ne1,a,b,knows,0.5\n');
    const v = file('v.csv', '~id,~label\na,person\nb,person\n');
    const result = await loadNeptuneCsv(g, [e, v]);
    expect(result.files.map((f) => [f.file, f.kind, f.rows])).toEqual([
      [v, 'vertex', 2],
      [e, 'edge', 1],
    ]);
    expect(result).toMatchObject({ vertices: 2, edges: 1 });
    const edge = g.edge('e1')!;
    expect([edge.outV.id, edge.label, edge.inV.id, edge.value('weight')]).toEqual(['a', 'knows', 'b', 0.5]);
  });

  it('merges a repeated vertex id into the existing vertex, as Neptune does', async () => {
    const g = new Graph();
    const one = file('v1.csv', '~id,~label,email:String[],name:String(single)\na,person,a@x.org,Ann\n');
    const two = file('v2.csv', '~id,~label,email:String[],name:String(single)\na,person,a@y.org;a@x.org,Ann\nb,person,,Bob\n');
    const result = await loadNeptuneCsv(g, [one, two]);
    expect(result.vertices).toBe(2);
    expect(result.files.map((f) => f.vertices)).toEqual([1, 1]);
    expect(values(g.vertex('a'), 'email')).toEqual(['a@x.org', 'a@y.org']);
    expect(values(g.vertex('a'), 'name')).toEqual(['Ann']);
  });

  it('accepts an edge id seen again when it joins the same vertices under the same label', async () => {
    const g = new Graph();
    const v = file('v.csv', '~id\na\nb\n');
    const e = file('e.csv', '~id,~from,~to,~label,w:Int\ne1,a,b,knows,1\ne1,a,b,knows,\n');
    expect(await loadNeptuneCsv(g, [v, e])).toMatchObject({ vertices: 2, edges: 1 });
    expect(g.edge('e1')!.value('w')).toBe(1);
  });

  it('takes new and repeated edge ids alike after the first repeat (from then on ids are looked up first)', async () => {
    const g = new Graph();
    const v = file('v.csv', '~id\na\nb\n');
    const e = file('e.csv', '~id,~from,~to,~label,w:Int\ne1,a,b,knows,1\ne1,a,b,knows,\ne2,b,a,knows,2\ne2,b,a,knows,2\ne3,a,a,knows,\n');
    expect(await loadNeptuneCsv(g, [v, e])).toMatchObject({ edges: 3 });
    expect([...g.edges()].map((edge) => [edge.id, edge.outV.id, edge.inV.id, edge.value('w')])).toEqual([
      ['e1', 'a', 'b', 1],
      ['e2', 'b', 'a', 2],
      ['e3', 'a', 'a', undefined],
    ]);
    const reused = file('e2.csv', '~id,~from,~to,~label\ne1,a,b,knows\ne4,a,b,knows\ne4,b,a,knows\n');
    const err = await loadError(g, [reused]);
    expect([err.line, err.message]).toEqual([4, expect.stringMatching(/edge e4 already exists as a-knows->b/)]);
    expect(g.edgeCount).toBe(3);
  });
});

describe('loadNeptuneCsv: errors name file, line and column', () => {
  const cases: [string, string, number, string | undefined, RegExp][] = [
    ['an unknown type', '~id,age:Integer\na,1\n', 1, 'age:Integer', /unknown type Integer/],
    ['an unparsable Int', '~id,age:Int\na,1\nb,x1\n', 3, 'age:Int', /"x1" is not an Int/],
    ['an out-of-range Byte', '~id,b:Byte\na,128\n', 2, 'b:Byte', /out of range for Byte/],
    ['an unparsable Double', '~id,d:Double\na,1.2.3\n', 2, 'd:Double', /not a Double/],
    ['a bad Bool', '~id,ok:Bool\na,yes\n', 2, 'ok:Bool', /not a Bool/],
    ['an impossible date', '~id,d:Date\na,2023-02-29\n', 2, 'd:Date', /not a valid calendar date/],
    ['a non-ISO date', '~id,d:Date\na,04/07/2021\n', 2, 'd:Date', /not a Date/],
    ['a missing id', '~id,~label\na,person\n,person\n', 3, '~id', /missing ~id/],
    ['a missing label', '~id,~label\na,\n', 2, '~label', /missing ~label/],
    ['several values for a single column', '~id,n:Int[](single)\na,1;2\n', 2, 'n:Int[](single)', /2 values for a single-cardinality/],
    ['a row of the wrong width', '~id,n\na,1\nb\n', 3, undefined, /expected 2 fields/],
    ['a header without ~id', '~label,n\nx,1\n', 1, undefined, /no ~id column/],
    ['an unknown system column', '~id,~type\na,b\n', 1, '~type', /unknown system column/],
    ['an edge array column', '~id,~from,~to,w:Int[]\ne,a,b,1\n', 1, 'w:Int[]', /cannot be arrays/],
    ['an edge set column', '~id,~from,~to,w:Int(set)\ne,a,b,1\n', 1, 'w:Int(set)', /always have single cardinality/],
  ];

  it.each(cases)('%s', async (_what, text, line, header, message) => {
    const g = new Graph();
    const path = file('bad.csv', text);
    const err = await loadError(g, [path]);
    expect(err.file).toBe(path);
    expect(err.line).toBe(line);
    expect(err.column?.header).toBe(header);
    expect(err.message).toMatch(message);
    expect(err.message.startsWith(`${path}:${line}`)).toBe(true);
    expect(g.vertexCount).toBe(0);
  });

  it('counts lines through quoted values that span lines', async () => {
    const path = file('v.csv', '~id,bio,n:Int\na,"two\nlines",1\nb,x,oops\n');
    const err = await loadError(new Graph(), [path]);
    expect([err.line, err.column]).toEqual([4, { index: 3, header: 'n:Int' }]);
  });

  it('names the row whose edge points to a missing vertex and loads nothing from that file', async () => {
    const g = new Graph();
    const v = file('v.csv', '~id\na\nb\n');
    const e = file('e.csv', '~id,~from,~to,~label\ne1,a,b,x\ne2,a,zzz,x\n');
    const err = await loadError(g, [v, e]);
    expect([err.file, err.line]).toEqual([e, 3]);
    expect(err.message).toMatch(/~to vertex zzz does not exist/);
    expect(g.vertexCount).toBe(2);
    expect(g.edgeCount).toBe(0);
  });

  it('refuses an edge id reused for other end points', async () => {
    const v = file('v.csv', '~id\na\nb\n');
    const e = file('e.csv', '~id,~from,~to,~label\ne1,a,b,x\ne1,b,a,x\n');
    const err = await loadError(new Graph(), [v, e]);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/edge e1 already exists as a-x->b/);
  });

  it('refuses a second, different value for a single-cardinality property', async () => {
    const v = file('v.csv', '~id,name:String(single)\na,Ann\na,Anna\n');
    const err = await loadError(new Graph(), [v]);
    expect([err.line, err.column?.header]).toEqual([3, 'name:String(single)']);
    expect(err.message).toMatch(/already has a different value/);
  });

  it('leaves the graph exactly as it was when a later file fails', async () => {
    const g = new Graph();
    await loadNeptuneCsv(g, [file('base.csv', '~id,~label,tags:String[]\na,person,x\nb,person,y\n')]);
    const before = snapshot(g);
    // Adds a vertex, merges new values into a, then fails on its last row.
    const bad = file('more.csv', '~id,~label,tags:String[],n:Int\nc,person,z,1\na,person,w;v,2\nd,person,,nope\n');
    const err = await loadError(g, [bad]);
    expect(err.line).toBe(4);
    expect(snapshot(g)).toEqual(before);
  });

  it('reports a file that does not exist by its name alone, without a line number', async () => {
    const missing = join(dir, 'missing.csv');
    const err = await loadError(new Graph(), [missing]);
    expect(err.message).toBe(`${missing}: cannot open: no such file (ENOENT)`);
  });
});
