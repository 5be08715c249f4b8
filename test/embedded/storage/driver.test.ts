import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir, type DataDir } from '../../../src/embedded/storage';
import { Graph } from '../../../src/embedded/structure';
import { FORMATS, Harness, cardinality, rejectionOf, t } from '../server/helpers';

/**
 * The embedded server on a data directory, through the real driver: sessionless writes and committed
 * g.tx() transactions are there after a restart on the same directory; rolled-back and failed ones are not.
 */
describe.each(FORMATS)('a data directory behind the Gremlin server, over %s', (_name, mimeType) => {
  const harness = new Harness();
  let dir: string;
  let store: DataDir | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nereid-driver-data-'));
  });
  afterEach(async () => {
    await harness.closeAll();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function restart() {
    await harness.closeAll();
    store?.close();
    const graph = new Graph();
    store = openDataDir(dir, graph);
    const server = await harness.server({ graphs: { g: graph }, logLevel: 'silent' });
    return harness.remote(server, mimeType).g;
  }

  it('keeps committed writes and nothing of rolled-back or failed ones', async () => {
    let g = await restart();
    await g.addV('person').property(t.id, 'ada').property('born', 1815).property('at', new Date(Date.UTC(1843, 6, 10))).iterate();
    await g.addV('person').property(t.id, 'charles').as('c').V('ada').addE('knows').to('c').property(t.id, 'k1').property('weight', 0.5).iterate();
    await g.V('ada').property(cardinality.set, 'langs', 'en').property(cardinality.set, 'langs', 'fr').iterate();

    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'committed').iterate();
    await gtx.V('charles').property(cardinality.single, 'name', 'Charles').iterate();
    await tx.commit();

    const rolledBack = g.tx();
    const rtx = rolledBack.begin();
    await rtx.addV('person').property(t.id, 'rolled-back').iterate();
    await rtx.V('ada').drop().iterate();
    await rolledBack.rollback();

    // Fails at its second vertex (the id is taken): the first must not stay either.
    expect(await rejectionOf(g.addV('person').property(t.id, 'half').addV('person').property(t.id, 'ada').iterate())).toBeDefined();

    g = await restart();
    expect((await g.V().id().toList()).sort()).toEqual(['ada', 'charles', 'committed']);
    expect(await g.V('ada').valueMap('born', 'at', 'langs').next()).toEqual({
      value: new Map<string, unknown[]>([['born', [1815]], ['at', [new Date(Date.UTC(1843, 6, 10))]], ['langs', ['en', 'fr']]]),
      done: false,
    });
    expect(await g.V('ada').out('knows').id().toList()).toEqual(['charles']);
    expect(await g.E('k1').values('weight').toList()).toEqual([0.5]);
    expect(await g.V('charles').values('name').toList()).toEqual(['Charles']);
  });
});
