import type { TestNereid } from '../support/nereid';
import { allPages, serveExample } from './datasets';

describe('examples/ldbc-snb.graphql over the LDBC social network', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await serveExample('ldbc-snb.graphql', ['ldbc-snb/vertices.csv', 'ldbc-snb/edges.csv']);
  }, 120_000); // loading the dataset took 15-20 s on a busy machine, close to the default 30 s
  afterAll(() => nereid.stop());

  const query = async (text: string, variables?: Record<string, unknown>) => {
    const res = await nereid.gql(text, variables);
    expect(res.errors).toBeUndefined();
    return res;
  };

  /** Every person with the first names and genders of everyone they know (at most 100 each, which is all). */
  const everyone = async () => {
    const people = await allPages(async (after) => {
      const res = await query(
        `query($after: String) { people(first: 100, after: $after) { nodes { id firstName birthday knowsConnection(first: 100) { totalCount nodes { firstName gender } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const c = res.data!.people;
      return { items: c.nodes as any[], hasNextPage: c.pageInfo.hasNextPage, endCursor: c.pageInfo.endCursor };
    });
    for (const p of people) expect(p.knowsConnection.nodes).toHaveLength(p.knowsConnection.totalCount);
    return people;
  };

  it('pages through every person exactly once, in order', async () => {
    const seen = await allPages(async (after) => {
      const res = await query(`query($after: String) { people(first: 50, after: $after, orderBy: [{ lastName: ASC }]) { totalCount nodes { id lastName } pageInfo { hasNextPage endCursor } } }`, {
        after,
      });
      expect(res.data!.people.totalCount).toBe(222);
      expect(res.extensions!.gremlin!.requests).toBe(1);
      const c = res.data!.people;
      return { items: c.nodes as { id: string; lastName: string }[], hasNextPage: c.pageInfo.hasNextPage, endCursor: c.pageInfo.endCursor };
    });
    expect(seen).toHaveLength(222);
    expect(new Set(seen.map((p) => p.id)).size).toBe(222);
    const names = seen.map((p) => p.lastName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('reads typed values and to-one relationships', async () => {
    const res = await query(`{
      person(id: "person:4398046511192") {
        firstName lastName birthday creationDate speaks emails
        city { name country { name continent { name } } }
        workAt { name } studyAtConnection { edges { node { name } properties { classYear } } }
      }
    }`);
    const chong = res.data!.person;
    expect(chong).toMatchObject({ firstName: 'Chong', lastName: 'Zhang', speaks: ['zh', 'en'] });
    expect(chong.birthday).toBe(new Date(411868800000).toISOString());
    expect(chong.creationDate).toBe(new Date(1276431272690).toISOString());
    expect(chong.emails).toHaveLength(4);
    expect(chong.city.country.continent.name).toBe('Asia');
  });

  it('filters across relationships as the relationships themselves say', async () => {
    const people = await everyone();
    const someName = people.find((p) => p.knowsConnection.totalCount > 0)!.knowsConnection.nodes[0].firstName;
    const expectIds = async (where: string, keep: (p: any) => boolean) => {
      const res = await query(`{ people(where: ${where}, first: 100) { totalCount nodes { id } } }`);
      const expected = people.filter(keep).map((p) => p.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(res.data!.people.totalCount).toBe(expected.length);
      expect(res.data!.people.nodes.map((n: any) => n.id).sort()).toEqual(expected.slice(0, 100).sort());
    };
    await expectIds(`{ knows_some: { firstName: { eq: ${JSON.stringify(someName)} } } }`, (p) => p.knowsConnection.nodes.some((k: any) => k.firstName === someName));
    await expectIds(`{ knows_none: { gender: { eq: "female" } } }`, (p) => !p.knowsConnection.nodes.some((k: any) => k.gender === 'female'));
    await expectIds(`{ knows_every: { gender: { eq: "male" } }, knows_some: {} }`, (p) => p.knowsConnection.totalCount > 0 && p.knowsConnection.nodes.every((k: any) => k.gender === 'male'));
    await expectIds(`{ birthday: { lt: "1985-01-01T00:00:00Z" } }`, (p) => Date.parse(p.birthday) < Date.parse('1985-01-01T00:00:00Z'));
  });

  it('filters through several relationships and on edge properties', async () => {
    const inChina = await query(`{ people(where: { workAt_some: { country: { name: { eq: "China" } } } }, first: 100) { totalCount nodes { workAt { country { name } } } } }`);
    expect(inChina.data!.people.totalCount).toBeGreaterThan(0);
    for (const p of inChina.data!.people.nodes) expect(p.workAt.map((c: any) => c.country.name)).toContain('China');

    const res = await query(`{
      person(id: "person:4398046511192") {
        all: knowsConnection(first: 100) { edges { properties { creationDate } } }
        recent: knowsConnection(first: 100, edgeWhere: { creationDate: { gte: "2011-01-01T00:00:00Z" } }) { totalCount edges { properties { creationDate } } }
      }
    }`);
    const all = res.data!.person.all.edges.map((e: any) => e.properties.creationDate);
    const recent = res.data!.person.recent.edges.map((e: any) => e.properties.creationDate);
    expect(recent.sort()).toEqual(all.filter((d: string) => d >= '2011-01-01T00:00:00.000Z').sort());
    expect(res.data!.person.recent.totalCount).toBe(recent.length);
  });

  it('pages a big relationship: every member of a forum once', async () => {
    const biggest = await query(`{ forums(first: 100, where: { members_some: {} }) { nodes { id membersConnection(first: 1) { totalCount } } } }`);
    const forum = biggest.data!.forums.nodes.reduce((a: any, b: any) => (b.membersConnection.totalCount > a.membersConnection.totalCount ? b : a));
    const total = forum.membersConnection.totalCount;
    expect(total).toBeGreaterThan(10);
    const members = await allPages(async (after) => {
      const res = await query(`query($after: String) { forum(id: "${forum.id}") { membersConnection(first: 7, after: $after, orderBy: [{ firstName: DESC }]) { edges { node { id } properties { joinDate } } pageInfo { hasNextPage endCursor } } } }`, { after });
      const c = res.data!.forum.membersConnection;
      return { items: c.edges.map((e: any) => e.node.id) as string[], hasNextPage: c.pageInfo.hasNextPage, endCursor: c.pageInfo.endCursor };
    });
    expect(members).toHaveLength(total);
    expect(new Set(members).size).toBe(total);
  });

  it('answers posts and comments with their creators and the message they reply to', async () => {
    const res = await query(`{ comments(first: 20) { nodes { creator { id } replyOf { __typename id } } } posts(first: 5) { nodes { creator { firstName } forum { title } } } }`);
    const kinds = new Set<string>();
    for (const c of res.data!.comments.nodes) {
      expect(c.creator.id).toMatch(/^person:/);
      expect(c.replyOf.id).toMatch(c.replyOf.__typename === 'Post' ? /^post:/ : /^comment:/);
      kinds.add(c.replyOf.__typename);
    }
    expect([...kinds].sort()).toEqual(['Comment', 'Post']);
    for (const p of res.data!.posts.nodes) expect(p.forum.title).toEqual(expect.any(String));
  });

  it('reads what people like as Messages, as the generic API sees the likes edges, in 1 request', async () => {
    const typed = await query(`{
      people(first: 100) { nodes { id likesConnection(first: 100) { totalCount nodes { __typename id creationDate ... on Post { imageFile } ... on Comment { replyOf { id } } } } } }
    }`);
    expect(typed.extensions!.gremlin!.requests).toBe(1);
    const generic = await query(`{ vertices(label: "Person", first: 100) { nodes { id out(labels: ["likes"], first: 100) { totalCount nodes { id label } } } } }`);
    const byPerson = new Map(generic.data!.vertices.nodes.map((p: any) => [p.id, p.out]));
    let posts = 0;
    let comments = 0;
    for (const p of typed.data!.people.nodes) {
      const out = byPerson.get(p.id) as any;
      expect(p.likesConnection.totalCount).toBe(out.totalCount);
      expect(p.likesConnection.nodes.map((m: any) => `${m.__typename}:${m.id}`).sort()).toEqual(out.nodes.map((v: any) => `${v.label}:${v.id}`).sort());
      for (const m of p.likesConnection.nodes) {
        if (m.__typename === 'Post') posts++;
        else comments += m.replyOf.id ? 1 : 0;
      }
    }
    expect(posts).toBeGreaterThan(0);
    expect(comments).toBeGreaterThan(0);
  });

  it('reaches only messages from a country, where the same edge label also comes from companies', async () => {
    const res = await query(`{
      countries(first: 100, where: { messages_some: {} }) { nodes { id messagesConnection(first: 1) { totalCount } vertex { inE(labels: ["isLocatedIn"]) { totalCount } } } }
    }`);
    const countries = res.data!.countries.nodes;
    expect(countries.length).toBeGreaterThan(0);
    const totals = countries.map((c: any) => [c.messagesConnection.totalCount, c.vertex.inE.totalCount]);
    for (const [messages, all] of totals) expect(messages).toBeLessThanOrEqual(all);
    // Companies are located in countries too: somewhere there are more isLocatedIn edges than messages.
    expect(totals.some(([messages, all]: number[]) => messages < all)).toBe(true);
    const person = `person(id: "person:4398046511192")`;
    const all = (await query(`{ ${person} { messages(first: 100) { creationDate } } }`)).data!.person.messages.map((m: any) => m.creationDate).sort();
    expect(all.length).toBeGreaterThan(2);
    const since = all[Math.floor(all.length / 2)];
    const recent = await query(`query($since: DateTime) { ${person} { messages(where: { creationDate: { gte: $since } }, orderBy: [{ creationDate: DESC }], first: 100) { creationDate } } }`, { since });
    expect(recent.data!.person.messages.map((m: any) => m.creationDate)).toEqual(all.filter((d: string) => d >= since).reverse());
  });

  it('runs @gremlin fields for a page of people nested, one using the parent id past its start too', async () => {
    const res = await query(`{ people(first: 20) { nodes { id messageCount friendsOfFriends(first: 5) { id } topTags(limit: 2) knows(first: 100) { id } } } }`);
    expect(res.extensions!.gremlin!.requests).toBe(1);
    for (const p of res.data!.people.nodes) {
      const known = new Set(p.knows.map((k: any) => k.id));
      for (const f of p.friendsOfFriends) {
        expect(known.has(f.id)).toBe(false);
        expect(f.id).not.toBe(p.id);
      }
      expect(p.friendsOfFriends.length).toBeLessThanOrEqual(5);
      expect(p.topTags.length).toBeLessThanOrEqual(2);
    }
    // Each person's own window of 5, not 5 across the page: several people fill theirs.
    expect(res.data!.people.nodes.filter((p: any) => p.friendsOfFriends.length === 5).length).toBeGreaterThan(1);
    expect(res.data!.people.nodes.some((p: any) => p.messageCount > 0)).toBe(true);
    expect(res.data!.people.nodes.some((p: any) => p.topTags.length === 2)).toBe(true);
    expect(res.data!.people.nodes.some((p: any) => p.friendsOfFriends.length > 0)).toBe(true);
  });

  it('serves the profile page (a person, 10 people they know, each one\'s 5 latest messages) in 1 request, typed or generic', async () => {
    const typed = await query(`{
      person(id: "person:4398046511192") {
        firstName lastName
        knows(first: 10) { id firstName messages(first: 5, orderBy: [{ creationDate: DESC }]) { __typename id creationDate content } }
      }
    }`);
    expect(typed.extensions!.gremlin!.requests).toBe(1);
    const generic = await query(`{
      vertex(id: "person:4398046511192") {
        firstName: property(key: "firstName")
        out: both(labels: ["knows"], first: 10) {
          nodes { id messages: in(labels: ["hasCreator"], orderBy: [{ key: "creationDate", direction: DESC }], first: 5) { nodes { id label creationDate: property(key: "creationDate") } } }
        }
      }
    }`);
    expect(generic.extensions!.gremlin!.requests).toBe(1);
    const friends = typed.data!.person.knows;
    expect(friends.length).toBeGreaterThan(1);
    expect(friends.map((f: any) => f.id)).toEqual(generic.data!.vertex.out.nodes.map((n: any) => n.id));
    friends.forEach((f: any, i: number) => {
      const dates = f.messages.map((m: any) => m.creationDate);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(f.messages.map((m: any) => m.id)).toEqual(generic.data!.vertex.out.nodes[i].messages.nodes.map((n: any) => n.id));
    });
  });

  it('costs 1 request for 50 people with the names of the first 10 they know', async () => {
    const res = await query(`{ people(first: 50) { nodes { firstName knows(first: 10) { firstName } } } }`);
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });
});
