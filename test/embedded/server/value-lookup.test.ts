import { Graph } from '../../../src/embedded/structure';
import { cardinality, FORMATS, Harness, P, t } from './helpers';

/**
 * Lookups by property value (answered from the store's property-value index) over the real driver, across
 * the writes of a session's transaction, its rollback and its commit.
 */
describe.each(FORMATS)('V().has(key, value) over %s', (_name, mimeType) => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  async function airports() {
    const graph = new Graph();
    const server = await harness.server({ graphs: { g: graph } });
    const { g } = harness.remote(server, mimeType);
    await g.addV('airport').property(t.id, 'aus').property('code', 'AUS').property('runways', 3).iterate();
    await g.addV('airport').property(t.id, 'sfo').property('code', 'SFO').property('runways', 4).iterate();
    return { graph, g };
  }

  it('sees a transaction’s own writes, and none of them after its rollback', async () => {
    const { graph, g } = await airports();
    expect(await g.V().has('airport', 'code', 'AUS').id().toList()).toEqual(['aus']);
    expect(graph.indexedProperties()).toEqual(['code']);

    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.V('aus').property(cardinality.single, 'code', 'XAU').iterate();
    await gtx.addV('airport').property(t.id, 'new').property('code', 'AUS').iterate();
    await gtx.V('sfo').drop().iterate();
    expect(await gtx.V().has('code', 'XAU').id().toList()).toEqual(['aus']);
    expect(await gtx.V().has('airport', 'code', 'AUS').id().toList()).toEqual(['new']);
    expect(await gtx.V().hasLabel('airport').has('code', P.within('SFO', 'AUS', 'XAU')).id().toList()).toEqual(['aus', 'new']);
    await tx.rollback();

    expect(await g.V().has('code', 'AUS').id().toList()).toEqual(['aus']);
    expect(await g.V().has('code', 'XAU').id().toList()).toEqual([]);
    expect(await g.V().has('code', 'SFO').id().toList()).toEqual(['sfo']);
  });

  it('keeps a committed transaction’s writes', async () => {
    const { g } = await airports();
    expect(await g.V().has('runways', 3).id().toList()).toEqual(['aus']);
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.V('sfo').property(cardinality.single, 'runways', 3).iterate();
    await gtx.V('aus').drop().iterate();
    await tx.commit();
    expect(await g.V().has('runways', 3).id().toList()).toEqual(['sfo']);
    expect(await g.V().has('runways', P.within(3, 4)).values('code').toList()).toEqual(['SFO']);
  });

  it('finds a vertex by any value of a set-cardinality key, until that value is dropped', async () => {
    const { g } = await airports();
    await g.addV('person').property(t.id, 'p').property('email', 'a@x').property('email', 'b@x').iterate();
    expect(await g.V().has('email', 'a@x').id().toList()).toEqual(['p']);
    expect(await g.V().has('person', 'email', 'b@x').id().toList()).toEqual(['p']);
    await g.V('p').properties('email').hasValue('a@x').drop().iterate();
    expect(await g.V().has('email', 'a@x').id().toList()).toEqual([]);
    expect(await g.V().has('email', 'b@x').id().toList()).toEqual(['p']);
  });
});
