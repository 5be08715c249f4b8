import { startGremlinServer } from '../../src/embedded/server';
import { fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';

/** Prometheus text format as a map from `name{labels}` to value; labels are kept in the order printed. */
async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;

describe('GET /metrics', () => {
  let nereid: TestNereid;
  let metricsUrl: string;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
    metricsUrl = nereid.url.replace('/graphql', '/metrics');
  }, 120_000);
  afterAll(() => nereid.stop());

  it('counts operations by name and type, errors by code, and Gremlin requests by endpoint', async () => {
    const before = await scrape(metricsUrl);
    expect((await nereid.gql(`query Ada { vertex(id: "ada") { id out { totalCount } } }`)).data!.vertex.id).toBe('ada');
    expect((await nereid.gql(`query Ada { vertex(id: "ada") { id } }`)).data!.vertex.id).toBe('ada');
    const created = await nereid.gql(`mutation AddOne { createVertex(input: { label: "Thing", id: "thing:m1" }) { id } }`);
    expect(created.data!.createVertex.id).toBe('thing:m1');
    expect((await nereid.gql(`{ vertices(first: -1) { totalCount } }`)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await nereid.gql(`{ nope }`)).status).toBe(400);
    const after = await scrape(metricsUrl);

    const count = (labels: string) => value(after, `nereid_graphql_operation_duration_seconds_count{${labels}}`) - value(before, `nereid_graphql_operation_duration_seconds_count{${labels}}`);
    expect(count('operation_name="Ada",operation_type="query"')).toBe(2);
    expect(count('operation_name="AddOne",operation_type="mutation"')).toBe(1);
    expect(count('operation_name="anonymous",operation_type="query"')).toBe(1);
    const errors = (code: string) => value(after, `nereid_graphql_errors_total{code="${code}"}`) - value(before, `nereid_graphql_errors_total{code="${code}"}`);
    expect(errors('BAD_USER_INPUT')).toBe(1);
    expect(errors('GRAPHQL_VALIDATION_FAILED')).toBe(1);

    // Without a reader endpoint every request goes to the writer.
    const gremlin = value(after, 'nereid_gremlin_requests_total{endpoint="writer",result="success"}') - value(before, 'nereid_gremlin_requests_total{endpoint="writer",result="success"}');
    expect(gremlin).toBeGreaterThanOrEqual(3);
    expect(value(after, 'nereid_gremlin_request_duration_seconds_count{endpoint="writer"}')).toBeGreaterThanOrEqual(gremlin);
    expect(value(after, 'nereid_gremlin_connections{endpoint="writer"}')).toBeGreaterThanOrEqual(1);
    expect(after.has('nereid_gremlin_requests_in_flight{endpoint="writer"}')).toBe(true);
    // This scrape itself is the one HTTP request in flight.
    expect(value(after, 'nereid_http_requests_in_flight')).toBe(1);
    expect(value(after, 'nereid_http_connections')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it("includes the embedded server's requests, traversers and lock waits in the same registry", async () => {
    const before = await scrape(metricsUrl);
    await nereid.gql(`{ vertices(first: 5) { nodes { id } } }`);
    await nereid.gql(`mutation { createVertex(input: { label: "Thing", id: "thing:m2" }) { id } }`);
    const after = await scrape(metricsUrl);
    const moved = (key: string) => value(after, key) - value(before, key);
    expect(moved('nereid_embedded_requests_total{kind="traversal",result="success"}')).toBeGreaterThanOrEqual(2);
    expect(moved('nereid_embedded_traversers_total')).toBeGreaterThanOrEqual(5);
    // Only the mutation takes the writer lock: reads read a snapshot.
    expect(moved('nereid_embedded_lock_wait_seconds_count')).toBe(1);
    expect(moved('nereid_embedded_request_duration_seconds_count{kind="traversal"}')).toBeGreaterThanOrEqual(2);
  });

  it('keeps registries apart: a second gateway in the process counts only its own operations', async () => {
    const other = await startNereid(fillSocial);
    try {
      const otherUrl = other.url.replace('/graphql', '/metrics');
      await other.gql(`query OnlyHere { vertex(id: "ada") { id } }`);
      expect(value(await scrape(otherUrl), 'nereid_graphql_operation_duration_seconds_count{operation_name="OnlyHere",operation_type="query"}')).toBe(1);
      expect((await scrape(metricsUrl)).has('nereid_graphql_operation_duration_seconds_count{operation_name="OnlyHere",operation_type="query"}')).toBe(false);
    } finally {
      await other.stop();
    }
  }, 120_000);
});

describe('Gremlin retries', () => {
  it('are counted by endpoint and error code, each attempt once', async () => {
    const server = await startGremlinServer();
    const nereid = await startNereid(undefined, { env: { GREMLIN_ENDPOINT: server.url, GREMLIN_RETRY_BASE_MS: '1' } });
    try {
      server.faults.failNext(2, 'ConcurrentModificationException');
      const res = await nereid.gql(`mutation { createVertex(input: { label: "Thing", id: "t1" }) { id } }`);
      expect(res.data!.createVertex.id).toBe('t1');
      const samples = await scrape(nereid.url.replace('/graphql', '/metrics'));
      expect(value(samples, 'nereid_gremlin_retries_total{endpoint="writer",code="ConcurrentModificationException"}')).toBe(2);
      expect(value(samples, 'nereid_gremlin_requests_total{endpoint="writer",result="ConcurrentModificationException"}')).toBe(2);
      expect(value(samples, 'nereid_gremlin_requests_total{endpoint="writer",result="success"}')).toBeGreaterThanOrEqual(1);
    } finally {
      await nereid.stop();
      await server.close();
    }
  }, 120_000);
});

describe("the embedded server's GET /metrics", () => {
  it('counts requests by kind and result, on its own HTTP port', async () => {
    const server = await startGremlinServer();
    try {
      const base = server.url.replace('ws://', 'http://').replace('/gremlin', '');
      const post = (gremlin: string) => fetch(`${base}/gremlin`, { method: 'POST', body: JSON.stringify({ gremlin }) });
      expect((await post(`g.addV('x').property(id, 'a')`)).status).toBe(200);
      expect((await post(`g.V().count()`)).status).toBe(200);
      expect((await post(`g.V().nope(`)).status).toBe(400);
      const samples = await scrape(`${base}/metrics`);
      expect(value(samples, 'nereid_embedded_requests_total{kind="traversal",result="success"}')).toBe(2);
      expect(value(samples, 'nereid_embedded_traversers_total')).toBe(2);
      expect(value(samples, 'nereid_embedded_requests_in_flight')).toBe(0);
    } finally {
      await server.close();
    }
  });
});
