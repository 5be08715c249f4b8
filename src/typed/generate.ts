import { GraphQLError, print, type ASTNode, type FieldDefinitionNode } from 'graphql';
import { filterInputName, filterInputSdl } from './filter-inputs';
import {
  idFieldOf,
  isAbstract,
  type AbstractType,
  type EdgePropertiesType,
  type GremlinField,
  type PropertyField,
  type RelationshipField,
  type TypedField,
  type TypedModel,
  type VertexType,
} from './model';
import { names } from './names';
import { namedType } from './read-gremlin';

const PAGE_ARGS = 'first: Int, after: String';

/**
 * The SDL served for a typed model: the author's types (with TypedVertex, generated arguments and fields, and
 * every mapping spelled out as a directive so a selection can be planned from the schema alone), their
 * connection, filter, ordering and input types, and `extend type Query`/`Mutation`. Generated names that clash
 * with the author's are reported like any other schema problem.
 */
export function generateTypedSdl(model: TypedModel, existingTypes: ReadonlySet<string>): { sdl: string; problems: GraphQLError[] } {
  const out: string[] = [...model.enums];
  const problems: GraphQLError[] = [];
  const generatedTypes = new Map<string, ASTNode>();
  const claim = (name: string, node: ASTNode) => {
    if (existingTypes.has(name) || generatedTypes.has(name)) {
      problems.push(new GraphQLError(`The generated type ${name} clashes with a type of the same name; rename one of them`, { nodes: [node] }));
    }
    generatedTypes.set(name, node);
  };

  const filters = new Map<string, string>([['IDFilter', filterInputSdl({ value: { kind: 'scalar', name: 'ID' }, list: false })]]);
  const useFilter = (field: PropertyField) => filters.set(filterInputName(field), filterInputSdl(field));

  for (const type of model.vertexTypes) {
    out.push(objectType(model, type, problems));
    for (const [name, sdl] of [
      [names.connection(type.name), connectionSdl(type)],
      [names.edge(type.name), `type ${names.edge(type.name)} {\n  cursor: String!\n  node: ${type.name}!\n}`],
      [names.where(type.name), whereSdl(model, type.name, type.fields, `${type.name} vertices`)],
      [names.orderBy(type.name), orderBySdl(type.name, type.fields)],
      [names.createInput(type.name), createInputSdl(type)],
      [names.updateInput(type.name), updateInputSdl(type)],
    ] as const) {
      if (sdl === undefined) continue;
      claim(name, type.node);
      out.push(sdl);
    }
    for (const field of type.fields) {
      if (field.kind === 'property') useFilter(field);
      if (field.kind !== 'relationship') continue;
      claim(names.relationshipCreateInput(type, field), field.node);
      claim(names.relationshipUpdateInput(type, field), field.node);
      out.push(relationshipCreateInputSdl(type, field), relationshipUpdateInputSdl(type, field));
      if (!field.many) continue;
      claim(names.relationshipConnection(type, field), field.node);
      claim(names.relationship(type, field), field.node);
      out.push(relationshipConnectionSdl(type, field));
    }
  }
  for (const type of model.abstractTypes) {
    out.push(abstractTypeSdl(model, type));
    if (type.kind === 'interface') {
      const members = type.members.map((m) => m.name).join(', ');
      claim(names.where(type.name), type.node);
      out.push(whereSdl(model, type.name, type.fields, `${type.name} vertices (any of ${members}), by the fields all of them map alike`));
    }
    claim(names.orderBy(type.name), type.node);
    out.push(orderBySdl(type.name, type.fields));
  }
  for (const edgeType of model.edgeTypes) {
    out.push(edgeObjectType(edgeType));
    claim(names.where(edgeType.name), edgeType.node);
    claim(names.propertiesInput(edgeType.name), edgeType.node);
    out.push(edgeWhereSdl(edgeType), edgePropertiesInputSdl(edgeType));
    edgeType.fields.forEach(useFilter);
  }
  for (const [name, sdl] of [...filters].sort(([a], [b]) => a.localeCompare(b))) {
    if (existingTypes.has(name)) problems.push(new GraphQLError(`The generated filter input ${name} clashes with a type of the same name; rename the type`));
    out.push(sdl);
  }
  out.push(queryExtension(model), mutationExtension(model));
  return { sdl: out.join('\n\n'), problems };
}

function objectType(model: TypedModel, type: VertexType, problems: GraphQLError[]): string {
  const lines: string[] = [];
  const idField = idFieldOf(type);
  if (!idField || idField.name !== 'id') lines.push('  id: ID! @id');
  const taken = new Set(type.fields.map((f) => f.name));
  for (const field of type.fields) {
    switch (field.kind) {
      case 'id':
        lines.push(fieldSdl(field.node, '', 'ID!', '@id'));
        break;
      case 'property':
        lines.push(fieldSdl(field.node, '', print(field.node.type), propertyDirective(field)));
        break;
      case 'gremlin':
        lines.push(gremlinFieldSdl(field));
        break;
      case 'relationship': {
        const edge = edgeDirective(field);
        if (!field.many) {
          lines.push(fieldSdl(field.node, '', print(field.node.type), edge));
          break;
        }
        const connectionField = names.relationshipConnectionField(field.name);
        if (taken.has(connectionField)) {
          problems.push(new GraphQLError(`${type.name}.${connectionField} is generated for ${type.name}.${field.name}; rename the field of that name`, { nodes: [field.node] }));
        }
        lines.push(fieldSdl(field.node, `(${relationshipArgs(model, field, false)})`, print(field.node.type), edge));
        lines.push(
          `  "${type.name}.${field.name} as a connection: one edge per relationship, with its properties and totalCount."\n` +
            `  ${connectionField}(${relationshipArgs(model, field, true)}): ${names.relationshipConnection(type, field)}! ${edge}`,
        );
      }
    }
  }
  lines.push('  "The vertex label."\n  label: String!', '  "This vertex through the generic API."\n  vertex: Vertex!');
  const directives = [`@vertex(label: ${JSON.stringify(type.label)}, plural: ${JSON.stringify(type.plural)})`, ...type.otherDirectives.map((d) => print(d))];
  const interfaces = ['TypedVertex', ...type.interfaces].join(' & ');
  return `${description(type.node)}type ${type.name} implements ${interfaces} ${directives.join(' ')} {\n${lines.join('\n')}\n}`;
}

/**
 * A union as the author wrote it; an interface with the generated arguments on each list relationship that
 * all its members map to its own field type (so `likes { ... on Message { tags(first: 2) } }` validates), and
 * the author's own arguments elsewhere. The connection forms stay on the members, whose types they name.
 */
function abstractTypeSdl(model: TypedModel, type: AbstractType): string {
  const node = type.node;
  if (node.kind === 'UnionTypeDefinition') return `${description(node)}union ${type.name} = ${type.members.map((m) => m.name).join(' | ')}`;
  const lines = (node.fields ?? []).map((f) => {
    const mapped = type.members.map((m) => m.fields.find((x) => x.name === f.name.value));
    const relationship = mapped[0]?.kind === 'relationship' ? mapped[0] : undefined;
    const generated =
      relationship?.many &&
      !f.arguments?.length &&
      namedType(f.type) === relationship.target &&
      mapped.every((m) => m?.kind === 'relationship' && m.many && m.target === relationship.target);
    const args = generated ? `(${relationshipArgs(model, relationship, false)})` : f.arguments?.length ? `(${f.arguments.map((a) => print(a)).join(', ')})` : '';
    return fieldSdl(f, args, print(f.type), '');
  });
  const implemented = node.interfaces?.length ? ` implements ${node.interfaces.map((i) => i.name.value).join(' & ')}` : '';
  return `${description(node)}interface ${type.name}${implemented} {\n${lines.join('\n')}\n}`;
}

function gremlinFieldSdl(field: GremlinField): string {
  return fieldSdl(field.node, field.args.length > 0 ? `(${field.args.map((a) => print(a)).join(', ')})` : '', print(field.node.type), '');
}

function fieldSdl(node: FieldDefinitionNode, args: string, type: string, directive: string): string {
  const others = (node.directives ?? []).filter((d) => d.name.value === 'deprecated').map((d) => print(d));
  const parts = [`${node.name.value}${args}: ${type}`, directive, ...others].filter((p) => p !== '');
  return `${description(node, '  ')}  ${parts.join(' ')}`;
}

function description(node: { description?: ASTNode }, indent = ''): string {
  return node.description ? `${indent}${print(node.description).split('\n').join(`\n${indent}`)}\n` : '';
}

function propertyDirective(field: PropertyField): string {
  const encoding = field.encoding === 'DATE' ? '' : `, encoding: ${field.encoding}`;
  return `@property(key: ${JSON.stringify(field.key)}${encoding})`;
}

function edgeDirective(field: RelationshipField): string {
  const properties = field.properties ? `, properties: ${JSON.stringify(field.properties)}` : '';
  return `@edge(label: ${JSON.stringify(field.edgeLabel)}, direction: ${field.direction}${properties})`;
}

/** A union has no fields of its own to filter by, so a relationship to one takes no `where`. */
function relationshipArgs(model: TypedModel, field: RelationshipField, connection: boolean): string {
  const edgeWhere = connection && field.properties ? `edgeWhere: ${names.where(field.properties)}, ` : '';
  const where = filterable(model, field) ? `where: ${names.where(field.target)}, ` : '';
  return `${where}${edgeWhere}orderBy: [${names.orderBy(field.target)}!], ${PAGE_ARGS}`;
}

function filterable(model: TypedModel, field: RelationshipField): boolean {
  const target = model.target(field.target)!;
  return !isAbstract(target) || target.kind === 'interface';
}

function connectionSdl(type: VertexType): string {
  return (
    `type ${names.connection(type.name)} {\n  nodes: [${type.name}!]!\n  edges: [${names.edge(type.name)}!]!\n  pageInfo: PageInfo!\n` +
    `  "All matches, not just this page."\n  totalCount: Int!\n}`
  );
}

function relationshipConnectionSdl(type: VertexType, field: RelationshipField): string {
  const relationship = names.relationship(type, field);
  const properties = field.properties ? `${field.properties}!` : 'JSON!';
  return (
    `type ${names.relationshipConnection(type, field)} {\n  nodes: [${field.target}!]!\n  edges: [${relationship}!]!\n  pageInfo: PageInfo!\n` +
    `  "All relationships matching, not just this page."\n  totalCount: Int!\n}\n\n` +
    `"One ${field.edgeLabel} edge of ${type.name}.${field.name}: the vertex at its other end and the edge's properties."\n` +
    `type ${relationship} {\n  cursor: String!\n  node: ${field.target}!\n  properties: ${properties}\n  "The edge through the generic API."\n  edge: Edge!\n}`
  );
}

function whereSdl(model: TypedModel, typeName: string, fields: readonly TypedField[], what: string): string {
  const where = names.where(typeName);
  const lines = [`  ${idFieldOf({ fields })?.name ?? 'id'}: IDFilter`];
  for (const field of fields) {
    if (field.kind === 'property') lines.push(`  ${field.name}: ${filterInputName(field)}`);
    if (field.kind !== 'relationship' || !filterable(model, field)) continue;
    const target = names.where(field.target);
    if (field.many) {
      lines.push(
        `  "Some ${field.name} match."\n  ${field.name}_some: ${target}`,
        `  "No ${field.name} match."\n  ${field.name}_none: ${target}`,
        `  "Every one of ${field.name} matches (true when there are none)."\n  ${field.name}_every: ${target}`,
      );
    } else {
      lines.push(`  "The ${field.name} matches."\n  ${field.name}: ${target}`);
    }
  }
  lines.push(`  AND: [${where}!]`, `  OR: [${where}!]`, `  NOT: ${where}`);
  return `"Conditions on ${what}; fields in one object must all hold."\ninput ${where} {\n${lines.join('\n')}\n}`;
}

function orderBySdl(typeName: string, fields: readonly TypedField[]): string {
  const lines = [`  ${idFieldOf({ fields })?.name ?? 'id'}: SortDirection`];
  for (const field of fields) {
    if (field.kind === 'property' && !field.list) lines.push(`  ${field.name}: SortDirection`);
  }
  return (
    `"One sort key per object, in order of precedence; vertices without the property come first ascending. Ties break on id."\n` +
    `input ${names.orderBy(typeName)} {\n${lines.join('\n')}\n}`
  );
}

function createInputSdl(type: VertexType): string {
  const lines = [`  "Generated (a UUID) when omitted."\n  ${idFieldOf(type)?.name ?? 'id'}: ID`];
  for (const field of properties(type)) lines.push(`  ${field.name}: ${inputType(field, field.nonNull)}`);
  for (const field of type.fields) {
    if (field.kind === 'relationship') lines.push(`  ${field.name}: ${names.relationshipCreateInput(type, field)}`);
  }
  return `input ${names.createInput(type.name)} {\n${lines.join('\n')}\n}`;
}

/** Shaped like connectX's arguments, and named for what it does, so the update form takes `disconnect` beside it. */
function relationshipCreateInputSdl(type: VertexType, field: RelationshipField): string {
  const ids = field.many ? `"Existing ${field.target} vertices; a repeated id is connected once."\n  connect: [ID!]!` : `"An existing ${field.target} vertex."\n  connect: ID!`;
  return (
    `"Joins the new ${type.name} to existing vertices by ${field.edgeLabel} edges, in the same traversal as its creation, as ${names.connect(type, field)} does."\n` +
    `input ${names.relationshipCreateInput(type, field)} {\n  ${ids}${edgePropertiesLine(field)}\n}`
  );
}

function relationshipUpdateInputSdl(type: VertexType, field: RelationshipField): string {
  const ids = field.many ? '[ID!]' : 'ID';
  return (
    `"Changes to ${type.name}.${field.name} in the same traversal as the update, as ${names.connect(type, field)} and ${names.disconnect(type, field)} make them; an id may not be in both."\n` +
    `input ${names.relationshipUpdateInput(type, field)} {\n  connect: ${ids}\n  disconnect: ${ids}${edgePropertiesLine(field)}\n}`
  );
}

function edgePropertiesLine(field: RelationshipField): string {
  return field.properties ? `\n  "Set on each edge \`connect\` makes sure of."\n  properties: ${names.propertiesInput(field.properties)}` : '';
}

function updateInputSdl(type: VertexType): string | undefined {
  const lines = properties(type).map((f) => `  ${f.name}: ${inputType(f, false)}`);
  for (const field of type.fields) {
    if (field.kind === 'relationship') lines.push(`  ${field.name}: ${names.relationshipUpdateInput(type, field)}`);
  }
  if (lines.length === 0) return undefined;
  return (
    `"Fields to change; a property given as null removes it, a field left out keeps it; relationships connect and disconnect."\n` +
    `input ${names.updateInput(type.name)} {\n${lines.join('\n')}\n}`
  );
}

function edgeObjectType(type: EdgePropertiesType): string {
  const lines = type.fields.map((f) => fieldSdl(f.node, '', print(f.node.type), propertyDirective(f)));
  return `${description(type.node)}type ${type.name} {\n${lines.join('\n')}\n}`;
}

function edgeWhereSdl(type: EdgePropertiesType): string {
  const where = names.where(type.name);
  const lines = type.fields.map((f) => `  ${f.name}: ${filterInputName(f)}`);
  lines.push(`  AND: [${where}!]`, `  OR: [${where}!]`, `  NOT: ${where}`);
  return `"Conditions on the properties of edges described by ${type.name}."\ninput ${where} {\n${lines.join('\n')}\n}`;
}

function edgePropertiesInputSdl(type: EdgePropertiesType): string {
  const lines = type.fields.map((f) => `  ${f.name}: ${inputType(f, false)}`);
  return `input ${names.propertiesInput(type.name)} {\n${lines.join('\n')}\n}`;
}

function properties(type: VertexType): PropertyField[] {
  return type.fields.filter((f): f is PropertyField => f.kind === 'property');
}

function inputType(field: PropertyField, required: boolean): string {
  const base = field.list ? `[${field.value.name}!]` : field.value.name;
  return required ? `${base}!` : base;
}

function queryExtension(model: TypedModel): string {
  const lines = model.vertexTypes.flatMap((type) => [
    `  "The ${type.name} with this id, or null (also when the vertex with that id has another label)."\n  ${type.singular}(id: ID!): ${type.name}`,
    `  "${type.name} vertices (label \\"${type.label}\\") matching \`where\`, in \`orderBy\` order (then by id)."\n` +
      `  ${type.plural}(where: ${names.where(type.name)}, orderBy: [${names.orderBy(type.name)}!], ${PAGE_ARGS}): ${names.connection(type.name)}!`,
  ]);
  lines.push(...model.queryFields.map(gremlinFieldSdl));
  return `extend type Query {\n${lines.join('\n')}\n}`;
}

function mutationExtension(model: TypedModel): string {
  const lines: string[] = [];
  for (const type of model.vertexTypes) {
    lines.push(`  ${names.create(type)}(input: ${names.createInput(type.name)}!): ${type.name}!`);
    if (updateInputSdl(type) !== undefined) lines.push(`  ${names.update(type)}(id: ID!, set: ${names.updateInput(type.name)}!): ${type.name}!`);
    lines.push(`  "Deletes the ${type.name} and its edges; deleted is false when there was no ${type.name} with that id."\n  ${names.delete(type)}(id: ID!): DeleteResult!`);
    for (const field of type.fields) {
      if (field.kind !== 'relationship') continue;
      const properties = field.properties ? `, properties: ${names.propertiesInput(field.properties)}` : '';
      lines.push(
        `  "Makes sure a ${field.edgeLabel} edge joins the ${type.name} to each of \`to\` (creating only missing ones) and sets \`properties\` on them."\n` +
          `  ${names.connect(type, field)}(id: ID!, to: [ID!]!${properties}): ${type.name}!`,
        `  "Removes the ${field.edgeLabel} edges between the ${type.name} and each of \`from\`."\n  ${names.disconnect(type, field)}(id: ID!, from: [ID!]!): ${type.name}!`,
      );
    }
  }
  return `extend type Mutation {\n${lines.join('\n')}\n}`;
}
