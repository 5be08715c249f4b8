import type { EdgePropertiesType, InferredSchema, PropertyField, RelationshipField, VertexType } from './model';
import { ID_FIELD } from './model';

export interface PrintOptions {
  /** The sampling bound, stated in the header so a reader knows how far to trust non-null fields. */
  readonly perLabel: number;
}

/**
 * SDL for an inferred schema, with nereid's mapping directives; the same schema always prints the same text.
 * Vertex types come first, then edge property types, each group sorted by name. `@property(key:)` is only
 * written where the field name differs from the key, which the typed layer takes as the default.
 */
export function printSdl(schema: InferredSchema, options: PrintOptions): string {
  const header = [
    `# Inferred by \`nereid infer-schema\` from at most ${options.perLabel} vertices per vertex label and ${options.perLabel} edges per edge label.`,
    '# A property held by every sampled element is non-null; one holding several values on some vertex is a list.',
  ];
  return [header.join('\n'), ...schema.vertexTypes.map(printVertexType), ...schema.edgeTypes.map(printEdgeType)].join('\n\n') + '\n';
}

function printVertexType(type: VertexType): string {
  const lines = [
    `  ${ID_FIELD}: ID! @id`,
    ...type.properties.map(printProperty),
    ...type.outgoing.map(printRelationship),
    ...type.incoming.map(printRelationship),
  ];
  return `type ${type.name} @vertex(label: ${literal(type.label)}) {\n${lines.join('\n')}\n}`;
}

function printEdgeType(type: EdgePropertiesType): string {
  return `${literal(`Properties of ${type.label} edges.`)}\ntype ${type.name} {\n${type.properties.map(printProperty).join('\n')}\n}`;
}

function printProperty(field: PropertyField): string {
  const type = field.list ? `[${field.type}!]` : field.type;
  const mapping = field.name === field.key ? '' : ` @property(key: ${literal(field.key)})`;
  return `  ${field.name}: ${type}${field.nonNull ? '!' : ''}${mapping}`;
}

function printRelationship(field: RelationshipField): string {
  const properties = field.properties ? `, properties: ${literal(field.properties)}` : '';
  return `  ${field.name}: [${field.target}!]! @edge(label: ${literal(field.edgeLabel)}, direction: ${field.direction}${properties})`;
}

/** A GraphQL string literal: JSON's escapes are all valid GraphQL escapes. */
function literal(text: string): string {
  return JSON.stringify(text);
}
