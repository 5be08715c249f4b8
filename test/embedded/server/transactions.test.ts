import { setTimeout as sleep } from 'node:timers/promises';
import { FORMATS, Harness, neptuneError, rejectionOf, t } from './helpers';

describe.each(FORMATS)('g.tx() over %s', (_name, mimeType) => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it('commits the writes of several requests at once', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'a').iterate();
    await gtx.addV('person').property(t.id, 'b').iterate();
    expect(await gtx.V().count().next()).toEqual({ value: 2, done: false }); // the session sees its own writes
    await tx.commit();
    expect((await g.V().id().toList()).sort()).toEqual(['a', 'b']);
  });

  it('rolls back every write of the transaction', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    await g.addV('person').property(t.id, 'kept').iterate();
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'gone').iterate();
    await gtx.V('kept').drop().iterate();
    await tx.rollback();
    expect(await g.V().id().toList()).toEqual(['kept']);
  });

  it('keeps uncommitted writes from other connections, whose reads see the state before it and whose writes wait', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'uncommitted').iterate();

    expect(await g.V().count().next()).toEqual({ value: 0, done: false }); // at once: reads wait for no writer
    let written = false;
    const write = g.addV('person').property(t.id, 'after').iterate().then(() => (written = true));
    await sleep(150);
    expect(written).toBe(false); // a writer waits for the open transaction
    await tx.rollback();
    await write;
    expect(await g.V().id().toList()).toEqual(['after']);

    const waiting = await rejectionOf(
      (async () => {
        const tx2 = g.tx();
        const gtx2 = tx2.begin();
        await gtx2.addV('person').iterate();
        try {
          await g.with_('evaluationTimeout', 100).addV('person').iterate();
        } finally {
          await tx2.rollback();
        }
      })(),
    );
    expect(neptuneError(waiting).code).toBe('TimeLimitExceededException');
  });

  it('rolls the whole transaction back when one of its requests fails', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    await g.addV('person').property(t.id, 'taken').iterate();
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'first').iterate();
    const err = await rejectionOf(gtx.addV('person').property(t.id, 'taken').iterate());
    expect(neptuneError(err).code).toBe('ConstraintViolationException');
    await gtx.addV('person').property(t.id, 'after').iterate();
    await tx.commit();
    expect((await g.V().id().toList()).sort()).toEqual(['after', 'taken']);
  });

  it('rolls back and frees the graph when the session connection closes without committing', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'orphan').iterate();
    await tx.close();
    expect(await g.V().count().next()).toEqual({ value: 0, done: false });
    await g.addV('person').iterate();
    expect(server.graphs.g.vertexCount).toBe(1);
  });

  it('rolls back a session left idle past the session timeout', async () => {
    const server = await harness.server({ sessionTimeoutMs: 100 });
    const { g } = harness.remote(server, mimeType);
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'idle').iterate();
    await sleep(200);
    expect(await g.V().count().next()).toEqual({ value: 0, done: false });
    await tx.rollback();
  });
});
