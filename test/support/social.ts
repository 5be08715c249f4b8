import type { Transaction, Vertex } from '../../src/embedded/structure';

/**
 * A small graph with answers worked out by hand:
 *
 *   ada -knows-> bob -knows-> cy -knows-> dee        eve (isolated)
 *    \______________knows______________/^
 *   ada -created-> p1 <-likes- bob, cy
 *
 * ada's out(knows) = {bob, dee}; shortest ada..dee is 1 hop; bob..dee is 2 hops (via cy, or via ada both-ways).
 */
export function fillSocial(tx: Transaction): void {
  const person = (id: string, name: string, age: number, langs: string[] = ['en']): Vertex => {
    const v = tx.addVertex(['Person'], id);
    tx.addVertexProperty(v, 'name', name);
    tx.addVertexProperty(v, 'age', age);
    for (const lang of langs) tx.addVertexProperty(v, 'langs', lang);
    return v;
  };
  const ada = person('ada', 'Ada', 36, ['en', 'fr']);
  const bob = person('bob', 'Bob', 25);
  const cy = person('cy', 'Cy', 41, ['es']);
  const dee = person('dee', 'Dee', 29);
  person('eve', 'Eve', 52);
  const p1 = tx.addVertex(['Post'], 'p1');
  tx.addVertexProperty(p1, 'title', 'Notes on the Analytical Engine');
  const knows = (id: string, a: Vertex, b: Vertex, since: number) => tx.setEdgeProperty(tx.addEdge('knows', a, b, id), 'since', since);
  knows('k1', ada, bob, 2001);
  knows('k2', bob, cy, 2005);
  knows('k3', cy, dee, 2010);
  knows('k4', ada, dee, 2015);
  tx.addEdge('created', ada, p1, 'c1');
  tx.addEdge('likes', bob, p1, 'l1');
  tx.addEdge('likes', cy, p1, 'l2');
}

/** `n` people in a chain of `follows`, for pagination and batching counts. */
export function fillCrowd(tx: Transaction, n: number, fanOut: number): void {
  const people: Vertex[] = [];
  for (let i = 0; i < n; i++) {
    const v = tx.addVertex(['Person'], `p${String(i).padStart(3, '0')}`);
    tx.addVertexProperty(v, 'name', `Person ${i}`);
    tx.addVertexProperty(v, 'rank', i % 7);
    people.push(v);
  }
  for (let i = 0; i < n; i++) {
    for (let k = 1; k <= fanOut; k++) tx.addEdge('follows', people[i], people[(i + k) % n]);
  }
}
