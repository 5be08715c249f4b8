import { Kind, parse, specifiedScalarTypes, type DocumentNode } from 'graphql';
import { loadTypeDefs } from '../schema-files';
import { DIRECTIVES_SDL } from '../typed/directives';
import { names } from '../typed/names';
import type { RelationshipField, VertexType } from '../typed/model';

/**
 * The names an inferred schema must leave free, as registry keys (see NameRegistry): the typed layer
 * (src/typed) serves the inferred SDL beside the core schema and generates types and fields from every name
 * in it, so a name is only free when everything generated from it is too. Keys: `Type`, `Type.field`,
 * `Query.field`.
 */

const VALUE_TYPES = ['String', 'Int', 'Float', 'Boolean', 'ID', 'DateTime'];

/** Everything already defined: GraphQL's scalars, the core schema, the typed layer's own definitions and filter inputs. */
export function reservedKeys(): Set<string> {
  const keys = new Set<string>(['Query', 'Mutation', 'Subscription', ...specifiedScalarTypes.map((t) => t.name)]);
  for (const value of VALUE_TYPES) keys.add(`${value}Filter`).add(`${value}ListFilter`);
  for (const document of [...loadTypeDefs().map((sdl) => parse(sdl)), parse(DIRECTIVES_SDL)]) addDefinitions(document, keys);
  return keys;
}

function addDefinitions(document: DocumentNode, keys: Set<string>): void {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION || definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) continue;
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) continue;
    keys.add(definition.name.value);
    if (definition.name.value === 'Query' && 'fields' in definition) {
      for (const field of definition.fields ?? []) keys.add(`Query.${field.name.value}`);
    }
  }
}

/** A vertex type, its generated types, its root fields and the fields every typed type has. */
export function vertexTypeKeys(name: string): string[] {
  return [
    name,
    names.where(name),
    names.orderBy(name),
    names.connection(name),
    names.edge(name),
    names.createInput(name),
    names.updateInput(name),
    `Query.${names.lookup(name)}`,
    `Query.${names.list(name)}`,
    `${name}.id`,
    `${name}.label`,
    `${name}.vertex`,
  ];
}

/** An object type describing edge properties, and the filter and input types generated from it. */
export function edgePropertiesTypeKeys(name: string): string[] {
  return [name, names.where(name), names.propertiesInput(name)];
}

export function propertyFieldKeys(typeName: string, field: string): string[] {
  return [`${typeName}.${field}`];
}

/** A list relationship also gets a connection field and the generated types named after it (connection, edge, nested inputs). */
export function relationshipFieldKeys(typeName: string, field: string): string[] {
  const type = { name: typeName } as VertexType;
  const relationship = { name: field } as RelationshipField;
  return [
    `${typeName}.${field}`,
    `${typeName}.${names.relationshipConnectionField(field)}`,
    names.relationshipConnection(type, relationship),
    names.relationship(type, relationship),
    names.relationshipCreateInput(type, relationship),
    names.relationshipUpdateInput(type, relationship),
  ];
}
