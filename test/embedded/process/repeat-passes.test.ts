import { __, g, modern, P, Pop, run, Scope } from './fixtures';

/**
 * What one pass of a repeat() leaves for the next, as in TinkerGraph: each input runs its whole loop before the
 * next one enters (unless RepeatUnrollStrategy unrolls the repeat), and the labels PathRetractionStrategy
 * drops at the end of a pass are gone in the next (TinkerPop's g_V_shortestpath depends on both).
 */
describe('repeat() passes', () => {
  const graph = modern();
  // Each pass records the names of the 'v' labels it sees, then moves on to the vertex it reached through
  // select('tgt'), which (reading only 'tgt') keeps only the labels later steps read.
  const body = __.out()
    .as('v')
    .project('p', 'tgt')
    .by(__.select(Pop.all, 'v').unfold().values('name').fold())
    .by(__.select(Pop.last, 'v'))
    .aggregate(Scope.local, 'seen')
    .select('tgt');
  const seen = (result: unknown[]) => (result[0] as Map<string, unknown>[]).map((m) => m.get('p'));

  it("a pass no longer sees labels read only by steps ahead of the body's first select()", () => {
    expect(seen(run(graph, g.V(1).as('v').repeat(body).emit().cap('seen')))).toEqual([
      ['marko', 'vadas'],
      ['marko', 'josh'],
      ['marko', 'lop'],
      ['ripple'],
      ['lop'],
    ]);
    // times(2) is unrolled into two copies of the body: the second copy's project() comes after the first
    // copy's select(), so 'v' is kept.
    expect(seen(run(graph, g.V(1).as('v').repeat(body).times(2).cap('seen')))).toEqual([
      ['marko', 'vadas'],
      ['marko', 'josh'],
      ['marko', 'lop'],
      ['marko', 'josh', 'ripple'],
      ['marko', 'josh', 'lop'],
    ]);
  });

  it('each input runs its whole loop before the next enters, seeing what earlier loops wrote', () => {
    // aggregate('x') is a barrier: fed both inputs at once, lop would pass the filter twice.
    const reached = g.V(1, 4).repeat(__.out().where(P.without('x')).aggregate('x')).emit().values('name');
    expect(run(graph, reached)).toEqual(['vadas', 'josh', 'lop', 'ripple']);
    // An unrolled repeat takes its input in waves: both inputs pass each copy of the body together.
    expect(run(graph, g.V(1, 4).repeat(__.out().where(P.without('x')).aggregate('x')).times(1).values('name'))).toEqual(['vadas', 'josh', 'lop', 'lop', 'ripple']);
    // While-do forms (until/emit first) take the traversers back from a pass one at a time, in order.
    expect(run(graph, g.V(1).emit().repeat(__.out().where(P.without('x')).aggregate(Scope.local, 'x')).values('name'))).toEqual(['marko', 'vadas', 'josh', 'lop', 'ripple']);
  });
});
