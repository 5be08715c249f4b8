import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import type { GraphEdge, GraphVertex, ResultGraph } from './result-graph';

/** More than this many vertices are not drawn: the layout would stall the tab. The note says so. */
export const MAX_DRAWN_VERTICES = 400;
const MAX_DRAWN_EDGES = 1200;
const FORCE_LAYOUT_MAX = 150;

// Tableau 10: distinct on white, and readable behind dark text.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The properties a vertex is usually known by, shown as its caption before falling back to its id. */
const CAPTION_KEYS = ['name', 'title', 'firstName', 'code', 'handle'];

export interface AddedCounts {
  vertices: number;
  edges: number;
  /** Vertices and edges of the result left out by the caps. */
  skippedVertices: number;
  skippedEdges: number;
}

/**
 * The node-link drawing of results: cytoscape.js, coloured by label, with the element's properties on hover. A
 * click on a vertex calls `onExpand` with its id; whoever fetches the neighbours adds them with `add`.
 */
export class GraphView {
  readonly cy: Core;
  private readonly colours = new Map<string, string>();
  private readonly tooltip: HTMLElement;

  constructor(container: HTMLElement, tooltip: HTMLElement, onExpand: (id: string) => void) {
    this.tooltip = tooltip;
    this.cy = cytoscape({
      container,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            label: 'data(caption)',
            'font-size': 9,
            color: '#222',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            width: 18,
            height: 18,
            'border-width': 1,
            'border-color': '#fff',
          },
        },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#b8b8b8',
            'target-arrow-color': '#b8b8b8',
            'target-arrow-shape': 'triangle',
            'arrow-scale': 0.7,
            'curve-style': 'bezier',
            label: 'data(label)',
            'font-size': 7,
            color: '#888',
            'text-rotation': 'autorotate',
          },
        },
        { selector: 'edge.implied', style: { 'line-style': 'dashed' } },
        { selector: 'node.expanded', style: { 'border-color': '#222', 'border-width': 2 } },
        { selector: 'node.path', style: { 'border-color': '#d62728', 'border-width': 3, label: 'data(pathCaption)' } },
        { selector: 'edge.path', style: { 'line-color': '#d62728', 'target-arrow-color': '#d62728', width: 3, color: '#d62728' } },
        { selector: 'node:selected', style: { 'border-color': '#000', 'border-width': 3 } },
      ],
    });
    this.cy.on('tap', 'node', (event) => onExpand((event.target as NodeSingular).id()));
    this.cy.on('mouseover', 'node, edge', (event) => this.showTooltip(event.target.data('title') as string, event.renderedPosition));
    this.cy.on('mouseout', 'node, edge', () => (this.tooltip.hidden = true));
    this.cy.on('viewport', () => (this.tooltip.hidden = true));
  }

  /** Replaces the drawing with `graph`. */
  show(graph: ResultGraph): AddedCounts {
    this.cy.elements().remove();
    return this.add(graph);
  }

  /** Adds what is new in `graph`, lays the drawing out again, and marks its paths in order. */
  add(graph: ResultGraph, around?: string): AddedCounts {
    const counts: AddedCounts = { vertices: 0, edges: 0, skippedVertices: 0, skippedEdges: 0 };
    const elements: ElementDefinition[] = [];
    const adding = new Set<string>();
    let vertices = this.cy.nodes().length;
    for (const vertex of graph.vertices.values()) {
      const known = this.cy.getElementById(vertex.id);
      if (known.nonempty()) {
        known.data(this.vertexData(vertex, known.data('vertex') as GraphVertex));
      } else if (vertices >= MAX_DRAWN_VERTICES) {
        counts.skippedVertices++;
      } else {
        elements.push({ group: 'nodes', data: this.vertexData(vertex) });
        adding.add(vertex.id);
        vertices++;
        counts.vertices++;
      }
    }
    const drawn = (id: string) => adding.has(id) || this.cy.getElementById(id).nonempty();
    let edges = this.cy.edges().length;
    for (const edge of graph.edges.values()) {
      if (this.cy.getElementById(edge.id).nonempty()) continue;
      if (!drawn(edge.source) || !drawn(edge.target) || edges >= MAX_DRAWN_EDGES) {
        counts.skippedEdges++;
        continue;
      }
      elements.push({ group: 'edges', data: edgeData(edge), classes: edge.implied ? 'implied' : '' });
      edges++;
      counts.edges++;
    }
    this.cy.batch(() => {
      this.cy.add(elements);
      graph.paths.forEach((path) => this.markPath(path.vertices, path.edges));
    });
    this.layout(around);
    return counts;
  }

  markExpanded(id: string): void {
    this.cy.getElementById(id).addClass('expanded');
  }

  private markPath(vertices: string[], edges: string[]): void {
    vertices.forEach((id, i) => {
      const node = this.cy.getElementById(id);
      node.addClass('path').data('pathCaption', `${i + 1}. ${node.data('caption') as string}`);
    });
    edges.forEach((id) => this.cy.getElementById(id).addClass('path'));
    // Without edge elements the path's steps are the implied edges between consecutive vertices.
    for (let i = 0; i + 1 < vertices.length; i++) {
      this.cy.edges(`[source = "${cssEscape(vertices[i])}"][target = "${cssEscape(vertices[i + 1])}"].implied`).addClass('path');
    }
  }

  private layout(around?: string): void {
    if (this.cy.nodes().length === 0) return;
    const centre = around ? this.cy.getElementById(around) : undefined;
    if (centre?.nonempty()) {
      // New neighbours start around the clicked vertex, so the layout moves them out from there.
      const { x, y } = centre.position();
      this.cy.nodes().filter((n) => n.data('placed') !== true).forEach((n, i, all) => {
        const angle = (2 * Math.PI * i) / all.length;
        n.position({ x: x + 60 * Math.cos(angle), y: y + 60 * Math.sin(angle) });
      });
    }
    this.cy.nodes().data('placed', true);
    // cose (force-directed) reads best but costs O(n²) per iteration: seconds past a few hundred vertices on a slow
    // machine. Larger drawings get rings by degree, which take milliseconds.
    const options =
      this.cy.nodes().length <= FORCE_LAYOUT_MAX
        ? { name: 'cose', randomize: !centre, nodeRepulsion: () => 6000, idealEdgeLength: () => 60, numIter: 600 }
        : { name: 'concentric', concentric: (n: NodeSingular) => n.degree(false), levelWidth: () => 2, minNodeSpacing: 4 };
    this.cy.layout({ ...options, animate: false, fit: true, padding: 20 } as cytoscape.LayoutOptions).run();
  }

  private vertexData(vertex: GraphVertex, before?: GraphVertex) {
    const merged: GraphVertex = before
      ? { id: vertex.id, label: vertex.label || before.label, properties: { ...before.properties, ...vertex.properties } }
      : vertex;
    const label = merged.label || '?';
    return {
      id: merged.id,
      vertex: merged,
      caption: captionOf(merged),
      colour: this.colourOf(label),
      title: [`${merged.id} (${label})`, ...propertyLines(merged.properties)].join('\n'),
    };
  }

  private colourOf(label: string): string {
    let colour = this.colours.get(label);
    if (!colour) {
      colour = PALETTE[this.colours.size % PALETTE.length];
      this.colours.set(label, colour);
    }
    return colour;
  }

  /** The labels drawn so far with their colours, for the legend. */
  legend(): [string, string][] {
    const present = new Set(this.cy.nodes().map((n) => (n.data('vertex') as GraphVertex).label || '?'));
    return [...this.colours].filter(([label]) => present.has(label));
  }

  private showTooltip(text: string, at: { x: number; y: number }): void {
    this.tooltip.textContent = text;
    this.tooltip.style.left = `${at.x + 12}px`;
    this.tooltip.style.top = `${at.y + 12}px`;
    this.tooltip.hidden = false;
  }
}

function edgeData(edge: GraphEdge) {
  const heading = edge.implied ? `${edge.label} (from the query's shape)` : `${edge.id} (${edge.label})`;
  return { id: edge.id, source: edge.source, target: edge.target, label: edge.label, title: [heading, ...propertyLines(edge.properties)].join('\n') };
}

function captionOf(vertex: GraphVertex): string {
  for (const key of CAPTION_KEYS) {
    const value = vertex.properties[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' || typeof first === 'number') return truncate(String(first));
  }
  return truncate(vertex.id);
}

function propertyLines(properties: Record<string, unknown>): string[] {
  return Object.entries(properties).slice(0, 20).map(([k, v]) => `${k}: ${truncate(typeof v === 'string' ? v : JSON.stringify(v), 80)}`);
}

function truncate(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function cssEscape(id: string): string {
  return id.replace(/["\\]/g, '\\$&');
}
