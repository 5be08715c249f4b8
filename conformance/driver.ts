import gremlin from 'gremlin';

/**
 * The driver's structure classes with the members the 3.7 driver really has (@types/gremlin declares
 * fewer), for building parameters and reading results.
 */
export interface DriverVertex {
  readonly id: unknown;
  readonly label: string;
}

export interface DriverEdge extends DriverVertex {
  readonly outV: DriverVertex;
  readonly inV: DriverVertex;
}

export interface DriverVertexProperty extends DriverVertex {
  readonly value: unknown;
}

export interface DriverProperty {
  readonly key: string;
  readonly value: unknown;
}

export interface DriverPath {
  readonly labels: unknown[];
  readonly objects: unknown[];
}

export interface DriverTraverser {
  readonly object: unknown;
  readonly bulk: number | bigint;
}

const structure = gremlin.structure as unknown as {
  Vertex: new (id: unknown, label: string) => DriverVertex;
  Edge: new (id: unknown, outV: DriverVertex, label: string, inV: DriverVertex) => DriverEdge;
  VertexProperty: new (id: unknown, label: string, value: unknown) => DriverVertexProperty;
  Property: new (key: string, value: unknown) => DriverProperty;
  Path: new (labels: unknown[], objects: unknown[]) => DriverPath;
};

export const { Vertex, Edge, VertexProperty, Property, Path } = structure;
export const Traverser = gremlin.process.Traverser as unknown as new (object: unknown, bulk?: number) => DriverTraverser;
export const { EnumValue } = gremlin.process;
