export { Edge, LABEL_SEPARATOR, Property, Vertex, VertexProperty, type Direction, type Element, type PropertyValue } from './elements';
export { Graph, type ElementKind } from './graph';
export { PropertyIndex } from './property-index';
export { NEPTUNE, TINKERGRAPH, type Cardinality, type GraphProfile } from './profile';
export { Transaction, type Change } from './transaction';
export { sameValue } from './values';
export { ReadView } from './versions';
