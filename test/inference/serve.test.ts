import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNeptuneCsv } from '../../src/embedded/import/neptune-csv';
import { Graph } from '../../src/embedded/structure';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';

const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');

/** nereid serving a committed inferred schema, as it is, over the dataset it was inferred from. */
async function serveFixture(name: string, files: string[]): Promise<TestNereid> {
  const file = join(__dirname, 'fixtures', `${name}.graphql`);
  return startNereid(undefined, {
    schema: buildTypedSchema(readFileSync(file, 'utf8'), file),
    embeddedGraph: async () => {
      const graph = new Graph();
      await loadNeptuneCsv(graph, files.map((f) => join(DATASETS, f)));
      return graph;
    },
  });
}

function answering(nereid: () => TestNereid) {
  return async (query: string) => {
    const res = await nereid().gql(query);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
}

describe('the inferred air-routes schema, served without edits', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await serveFixture('air-routes', ['air-routes/air-routes-nodes.csv', 'air-routes/air-routes-edges.csv']);
  }, 120_000);
  afterAll(() => nereid?.stop());
  const query = answering(() => nereid);

  it('looks airports up by label, id and typed filters', async () => {
    const data = await query(`{
      aus: airports(where: { code: { eq: "AUS" } }) { totalCount nodes { id code city runways lat } }
      byId: airport(id: "3") { code }
      big: airports(where: { country: { eq: "US" }, runways: { gte: 6 } }, orderBy: [{ code: ASC }]) { nodes { code } }
      versions { nodes { author } }
    }`);
    expect(data.aus).toEqual({ totalCount: 1, nodes: [{ id: '3', code: 'AUS', city: 'Austin', runways: 2, lat: 30.1944999694824 }] });
    expect(data.byId).toEqual({ code: 'AUS' });
    expect(data.big.nodes.map((a: { code: string }) => a.code)).toEqual(['BOS', 'DEN', 'DFW', 'DTW', 'ORD']);
    expect(data.versions.nodes).toEqual([{ author: 'Kelvin R. Lawrence' }]);
  });

  it('follows relationships both ways, with edge properties', async () => {
    const data = await query(`{
      airport(id: "3") {
        route(where: { code: { eq: "LHR" } }) { code }
        countryContains { code }
        continentContains { code }
        long: routeConnection(edgeWhere: { dist: { gt: 4000 } }, orderBy: [{ code: ASC }]) { totalCount edges { node { code } properties { dist } } }
        routeConnection { totalCount }
      }
    }`);
    expect(data.airport.route).toEqual([{ code: 'LHR' }]);
    expect(data.airport.countryContains).toEqual([{ code: 'US' }]);
    expect(data.airport.continentContains).toEqual([{ code: 'NA' }]);
    expect(data.airport.long.totalCount).toBe(4);
    expect(data.airport.long.edges).toContainEqual({ node: { code: 'LHR' }, properties: { dist: 4901 } });
    expect(data.airport.routeConnection.totalCount).toBe(98);
  });

  it('filters across a relationship', async () => {
    const data = await query(`{
      countries(where: { contains_some: { code: { eq: "AUS" } } }) { nodes { code } }
    }`);
    expect(data.countries.nodes).toEqual([{ code: 'US' }]);
  });
});

describe('the inferred ldbc-snb schema, served without edits', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await serveFixture('ldbc-snb', ['ldbc-snb/vertices.csv', 'ldbc-snb/edges.csv']);
  }, 120_000);
  afterAll(() => nereid?.stop());
  const query = answering(() => nereid);

  it('looks a person up, with list properties and long values', async () => {
    const data = await query(`{
      person(id: "person:4398046511192") { firstName lastName creationDate email language }
      people { totalCount }
    }`);
    expect(data.person).toEqual({
      firstName: 'Chong',
      lastName: 'Zhang',
      creationDate: 1276431272690,
      email: ['Chong4398046511192@gmail.com', 'Chong4398046511192@gmx.com', 'Chong4398046511192@yahoo.com', 'Chong4398046511192@zoho.com'],
      language: ['zh', 'en'],
    });
    expect(data.people.totalCount).toBe(222);
  });

  it('follows relationships both ways, with edge properties', async () => {
    const data = await query(`{
      person(id: "person:4398046511192") {
        knows(orderBy: [{ firstName: ASC }]) { firstName }
        personKnows { id }
        knowsConnection(edgeWhere: { creationDate: { eq: 1278777892244 } }) { totalCount edges { properties { creationDate } } }
        isLocatedIn { name }
        commentHasCreatorConnection { totalCount }
        postHasCreatorConnection { totalCount }
      }
    }`);
    expect(data.person.knows.map((p: { firstName: string }) => p.firstName)).toEqual(['Abhishek', 'Jie', 'Jie', 'Juan', 'Li', 'Zsolt']);
    expect(data.person.personKnows).toEqual([]);
    expect(data.person.knowsConnection).toEqual({ totalCount: 1, edges: [{ properties: { creationDate: 1278777892244 } }] });
    expect(data.person.isLocatedIn).toEqual([{ name: 'Chaohu' }]);
    expect(data.person.commentHasCreatorConnection.totalCount).toBe(10);
    expect(data.person.postHasCreatorConnection.totalCount).toBe(1);
  });

  it('filters on nullable properties and across relationships', async () => {
    const data = await query(`{
      withContent: posts(where: { content: { exists: true } }) { totalCount }
      inChaohu: people(where: { isLocatedIn_some: { name: { eq: "Chaohu" } } }) { nodes { id } }
    }`);
    expect(data.withContent.totalCount).toBe(232);
    expect(data.inChaohu.nodes).toEqual([{ id: 'person:4398046511192' }]);
  });
});
