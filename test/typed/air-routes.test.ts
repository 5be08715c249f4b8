import type { TestNereid } from '../support/nereid';
import { allPages, serveExample } from './datasets';

describe('examples/air-routes.graphql over air-routes', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await serveExample('air-routes.graphql', ['air-routes/air-routes-nodes.csv', 'air-routes/air-routes-edges.csv']);
  });
  afterAll(() => nereid.stop());

  const query = async (text: string, variables?: Record<string, unknown>) => {
    const res = await nereid.gql(text, variables);
    expect(res.errors).toBeUndefined();
    return res;
  };

  it('finds airports by typed conditions, in order', async () => {
    const res = await query(`{
      airports(where: { countryCode: { eq: "US" }, runways: { gte: 6 } }, orderBy: [{ runways: DESC }, { code: ASC }]) {
        totalCount nodes { code runways elevation lat country { name } continent { code } }
      }
    }`);
    const c = res.data!.airports;
    expect(c.totalCount).toBe(c.nodes.length);
    expect(c.nodes.length).toBeGreaterThan(0);
    expect(c.nodes[0]).toMatchObject({ code: 'DFW', runways: 7, country: { name: 'United States' }, continent: { code: 'NA' } });
    const runways = c.nodes.map((a: any) => a.runways);
    expect(runways).toEqual([...runways].sort((a, b) => b - a));
  });

  it('filters on routes: airports with a direct flight to AUS that are not in the US', async () => {
    const res = await query(`{
      airports(where: { routes_some: { code: { eq: "AUS" } }, NOT: { countryCode: { eq: "US" } } }, orderBy: [{ code: ASC }]) {
        nodes { code countryCode routes(where: { code: { eq: "AUS" } }) { code } }
      }
    }`);
    const nodes = res.data!.airports.nodes;
    expect(nodes.map((a: any) => a.code)).toEqual(expect.arrayContaining(['LHR', 'YYZ']));
    for (const a of nodes) {
      expect(a.countryCode).not.toBe('US');
      expect(a.routes).toEqual([{ code: 'AUS' }]);
    }
  });

  it('reads route distances and filters routes on them', async () => {
    const res = await query(`{
      airports(where: { code: { eq: "AUS" } }) {
        nodes {
          long: routesConnection(edgeWhere: { distance: { gt: 4000 } }, orderBy: [{ code: ASC }]) { totalCount edges { node { code } properties { distance } } }
          all: routesConnection(first: 100) { totalCount }
        }
      }
    }`);
    const aus = res.data!.airports.nodes[0];
    expect(aus.long.edges.map((e: any) => e.node.code)).toContain('LHR');
    for (const e of aus.long.edges) expect(e.properties.distance).toBeGreaterThan(4000);
    expect(aus.all.totalCount).toBeGreaterThan(aus.long.totalCount);
  });

  it('pages through every airport of a country exactly once', async () => {
    const count = await query(`{ country(id: "3730") { code airportsConnection(first: 1) { totalCount } } }`);
    const total = count.data!.country.airportsConnection.totalCount;
    expect(total).toBeGreaterThan(20);
    const codes = await allPages(async (after) => {
      const res = await query(`query($after: String) { country(id: "3730") { airportsConnection(first: 50, after: $after, orderBy: [{ code: ASC }]) { edges { node { code } } pageInfo { hasNextPage endCursor } } } }`, {
        after,
      });
      const c = res.data!.country.airportsConnection;
      return { items: c.edges.map((e: any) => e.node.code) as string[], hasNextPage: c.pageInfo.hasNextPage, endCursor: c.pageInfo.endCursor };
    });
    expect(codes).toHaveLength(total);
    expect(new Set(codes).size).toBe(total);
    expect(codes).toEqual([...codes].sort());
  });

  it('answers a @gremlin field of Query in one request, its airports resolved like any other', async () => {
    const res = await query(`{ busiestAirports(first: 5) { code routeCount country { code } } }`);
    const top = res.data!.busiestAirports;
    expect(top).toHaveLength(5);
    const counts = top.map((a: any) => a.routeCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[4]).toBeGreaterThan(200);
    expect(top.map((a: any) => a.code)).toContain('FRA');
    // busiestAirports, routeCount and country nested in it.
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('runs @gremlin fields with arguments for many airports nested in one request', async () => {
    const res = await query(`{ airports(where: { code: { in: ["AUS", "SAT", "ELP"] } }, orderBy: [{ code: ASC }]) { nodes { code routeCount oneStopVia(to: "LHR") } } }`);
    expect(res.extensions!.gremlin!.requests).toBe(1);
    const [aus, elp, sat] = res.data!.airports.nodes;
    expect([aus.code, elp.code, sat.code]).toEqual(['AUS', 'ELP', 'SAT']);
    expect(aus.routeCount).toBeGreaterThan(50);
    expect(elp.oneStopVia).toEqual(expect.arrayContaining(['DFW']));
    expect(elp.oneStopVia).toEqual([...elp.oneStopVia].sort());
  });
});
