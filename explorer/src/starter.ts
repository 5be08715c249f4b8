/**
 * The query the editor opens with, written for the graph being served: one vertex that has outgoing edges, and
 * its first neighbours along each kind of them (on the sample social graph: a user, whom they follow, what they
 * posted and liked). Found with one small query, `DISCOVERY_QUERY`, so it works on any graph behind nereid.
 */

/** The first edge (by id) and the labels of its source vertex's outgoing edges. */
export const DISCOVERY_QUERY = `query ExplorerDiscovery {
  edges(first: 1) { nodes { outV { id label outE(first: 100) { nodes { label } } } } }
}`;

/** At most this many neighbour lists, so the starter stays short and its graph readable. */
const MAX_LISTS = 3;

export const EMPTY_GRAPH_QUERY = `# The graph has no edges yet: its first vertices.
# Run it with Ctrl-Enter (or the ▶ button).
{
  vertices(first: 20) {
    totalCount
    nodes { id label properties }
  }
}
`;

export interface Discovery {
  data?: { edges?: { nodes?: { outV?: { id: string; label: string; outE?: { nodes?: { label: string }[] } } }[] } };
}

export function starterQuery(discovery: Discovery | undefined): string {
  const start = discovery?.data?.edges?.nodes?.[0]?.outV;
  if (!start) return EMPTY_GRAPH_QUERY;
  const labels = [...new Set((start.outE?.nodes ?? []).map((e) => e.label))].slice(0, MAX_LISTS);
  const used = new Set(['id', 'label', 'properties']);
  const lists = labels.map((label) => {
    let alias = label.replace(/[^_0-9A-Za-z]/g, '_').replace(/^([0-9])/, '_$1').toLowerCase() || 'neighbours';
    while (used.has(alias)) alias += '_';
    used.add(alias);
    return `    ${alias}: out(labels: [${JSON.stringify(label)}], first: 10) {\n      totalCount\n      nodes { id label properties }\n    }`;
  });
  return [
    `# A ${start.label} and its neighbours.`,
    `# Ctrl-Enter runs it; click a`,
    `# vertex in the graph to expand.`,
    `{`,
    `  vertex(id: ${JSON.stringify(start.id)}) {`,
    `    id`,
    `    label`,
    `    properties`,
    ...lists,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

/**
 * The neighbours of one vertex, for a click in the graph: its edges both ways with the vertex at the other end,
 * in one GraphQL request.
 */
export const NEIGHBOURS_QUERY = `query ExplorerNeighbours($id: ID!) {
  vertex(id: $id) {
    id
    label
    outE(first: 25) { totalCount nodes { id label properties inV { id label properties } } }
    inE(first: 25) { totalCount nodes { id label properties outV { id label properties } } }
  }
}`;
