import {
  GraphQLError,
  Kind,
  Source,
  buildASTSchema,
  concatAST,
  getDirectiveValues,
  parse,
  print,
  validateSchema,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLDirective,
  type GraphQLSchema,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
  type UnionTypeDefinitionNode,
} from 'graphql';
import { validateSDL } from 'graphql/validation/validate';
import { loadTypeDefs } from '../schema-files';
import type { DirectionName } from '../operations/hop';
import { compileAuthorization } from './authorization';
import { DIRECTIVES_SDL, KEY_DIRECTIVE_SDL, OWN_DEFINITIONS } from './directives';
import type {
  AbstractType,
  DateTimeEncoding,
  EdgePropertiesType,
  GremlinField,
  PropertyField,
  RelationshipField,
  ScalarName,
  TypedField,
  TypedModel,
  ValueKind,
  VertexType,
} from './model';
import { names } from './names';
import { isList, namedType, readGremlinField } from './read-gremlin';

/** A typed schema that can't be served; `problems` carry locations in the author's file. */
export class TypedSchemaError extends Error {
  constructor(
    readonly sourceName: string,
    readonly problems: readonly GraphQLError[],
  ) {
    super(`${sourceName} is not a valid typed schema:\n${problems.map((p) => `  ${describe(sourceName, p)}`).join('\n')}`);
    this.name = 'TypedSchemaError';
  }
}

function describe(sourceName: string, problem: GraphQLError): string {
  const at = problem.locations?.[0];
  return at ? `${sourceName}:${at.line}:${at.column}: ${problem.message}` : problem.message;
}

const SCALARS = new Set<string>(['String', 'Int', 'Float', 'Boolean', 'ID', 'DateTime']);
const RESERVED_FIELDS = new Set(['label', 'vertex']);
const OUR_FIELD_DIRECTIVES = ['edge', 'property', 'id', 'gremlin'] as const;

/**
 * Reads and checks an author's SDL. GraphQL's own SDL rules run first (unknown types and directives,
 * directives in the wrong place, duplicate names), against the core schema and our directives; then the
 * mapping rules, all problems at once, each pointing at the line it is about.
 */
export function readTypedSchema(sdl: string, sourceName = 'schema.graphql'): TypedModel {
  let document: DocumentNode;
  try {
    document = parse(new Source(sdl, sourceName));
  } catch (err) {
    if (err instanceof GraphQLError) throw new TypedSchemaError(sourceName, [err]);
    throw err;
  }
  const own = { ...document, definitions: document.definitions.filter((d) => !isOwnDefinition(d)) };
  // The author's Query adds to the core API's, so it is checked as the extension it would be served as (and a
  // Mutation likewise, to be refused by the reader with a reason rather than as a duplicate type).
  // Query fields the core API already has are left out of that check, to be reported by the reader at the
  // author's line rather than at the core's.
  const core = loadTypeDefs().map((s) => parse(s));
  const coreQueryFields = new Set(core.flatMap((doc) => doc.definitions.flatMap((d) => (rootType(d)?.name.value === 'Query' ? fieldNames(d) : []))));
  const asServed = { ...own, definitions: own.definitions.map((d) => asRootExtension(d, coreQueryFields)) };
  const combined = concatAST([...core, parse(DIRECTIVES_SDL), parse(KEY_DIRECTIVE_SDL), asServed]);
  const sdlErrors = validateSDL(combined);
  if (sdlErrors.length > 0) throw new TypedSchemaError(sourceName, sdlErrors);
  const schema = buildASTSchema(combined, { assumeValidSDL: true });
  const schemaErrors = validateSchema(schema);
  if (schemaErrors.length > 0) throw new TypedSchemaError(sourceName, schemaErrors);

  const reader = new Reader(schema, coreQueryFields);
  const model = reader.read(own.definitions);
  if (reader.problems.length > 0) throw new TypedSchemaError(sourceName, reader.problems);
  return model;
}

function asRootExtension(d: DefinitionNode, coreQueryFields: ReadonlySet<string>): DefinitionNode {
  const root = rootType(d);
  if (!root) return d;
  const fields = root.name.value === 'Query' ? root.fields?.filter((f) => !coreQueryFields.has(f.name.value)) : root.fields;
  return { kind: Kind.OBJECT_TYPE_EXTENSION, name: root.name, interfaces: root.interfaces, directives: root.directives, fields, loc: root.loc };
}

function fieldNames(d: DefinitionNode): string[] {
  return 'fields' in d && d.fields ? d.fields.map((f) => f.name.value) : [];
}

/** `type Query` or `extend type Query` (or Mutation) in the author's file. */
function rootType(d: DefinitionNode): ObjectTypeDefinitionNode | ObjectTypeExtensionNode | undefined {
  if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) return undefined;
  return d.name.value === 'Query' || d.name.value === 'Mutation' ? d : undefined;
}

function isOwnDefinition(d: DefinitionNode): boolean {
  if (d.kind === Kind.DIRECTIVE_DEFINITION) return OWN_DEFINITIONS.has(d.name.value) || d.name.value === 'key';
  if (d.kind === Kind.SCALAR_TYPE_DEFINITION || d.kind === Kind.ENUM_TYPE_DEFINITION) return OWN_DEFINITIONS.has(d.name.value);
  return false;
}

class Reader {
  readonly problems: GraphQLError[] = [];
  private readonly vertexNodes = new Map<string, ObjectTypeDefinitionNode>();
  private readonly plainNodes = new Map<string, ObjectTypeDefinitionNode>();
  private readonly interfaceNodes = new Map<string, InterfaceTypeDefinitionNode>();
  private readonly unionNodes = new Map<string, UnionTypeDefinitionNode>();
  private readonly enumNames = new Set<string>();
  private readonly usedEdgeTypes = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly coreQueryFields: ReadonlySet<string>,
  ) {}

  read(definitions: readonly DefinitionNode[]): TypedModel {
    const enums: string[] = [];
    const queryFields: FieldDefinitionNode[] = [];
    for (const d of definitions) {
      const root = rootType(d);
      if (root?.name.value === 'Query') {
        if (root.directives?.length || root.interfaces?.length) this.problem('type Query takes no directives or interfaces; it only adds @gremlin fields to the API', root);
        queryFields.push(...(root.fields ?? []));
      } else if (root) {
        this.problem('type Mutation cannot be declared: the mutations of @vertex types are generated, and @gremlin fields are reads (declare them on Query)', root);
      } else if (d.kind === Kind.OBJECT_TYPE_DEFINITION) {
        (this.directive(d.directives, 'vertex') ? this.vertexNodes : this.plainNodes).set(d.name.value, d);
      } else if (d.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        this.interfaceNodes.set(d.name.value, d);
      } else if (d.kind === Kind.UNION_TYPE_DEFINITION) {
        this.unionNodes.set(d.name.value, d);
      } else if (d.kind === Kind.ENUM_TYPE_DEFINITION) {
        this.enumNames.add(d.name.value);
        enums.push(print(d));
      } else {
        this.problem(
          `Only object types (with @vertex, or describing edge properties), interfaces and unions of @vertex types, enums and type Query can be declared; found ${describeDefinition(d)}`,
          d,
        );
      }
    }
    const vertexTypes = [...this.vertexNodes.values()].map((node) => this.vertexType(node));
    const abstractTypes = [
      ...[...this.unionNodes.values()].flatMap((node) => this.unionType(node, vertexTypes) ?? []),
      ...[...this.interfaceNodes.values()].flatMap((node) => this.interfaceType(node, vertexTypes) ?? []),
    ];
    const rootFields = queryFields.flatMap((f) => this.queryField(f) ?? []);
    const edgeTypes: EdgePropertiesType[] = [];
    for (const [name, node] of this.plainNodes) {
      for (const named of node.interfaces ?? []) {
        this.problem(`${name} implements ${named.name.value} but has no @vertex: every implementation of an interface is a @vertex type`, named);
      }
      if (!this.usedEdgeTypes.has(name)) {
        this.problem(`Type ${name} has no @vertex: map it to a vertex label with @vertex(label: "..."), or name it in @edge(properties: "${name}")`, node);
        continue;
      }
      edgeTypes.push({ name, node, fields: (node.fields ?? []).flatMap((f) => this.edgeProperty(name, f) ?? []) });
    }
    this.checkUnique(vertexTypes, rootFields);
    const rules = compileAuthorization({ vertexTypes, edgeTypes, queryFields: rootFields }, {
      args: (name, directives) => (directives ?? []).filter((d) => d.name.value === name).map((d) => this.args(name, [d]) ?? {}),
      problem: (message, node) => this.problem(message, node),
    });
    const byName = new Map(vertexTypes.map((t) => [t.name, t]));
    const byLabel = new Map(vertexTypes.map((t) => [t.label, t]));
    const edgeByName = new Map(edgeTypes.map((t) => [t.name, t]));
    const abstractByName = new Map(abstractTypes.map((t) => [t.name, t]));
    return {
      vertexTypes,
      abstractTypes,
      queryFields: rootFields,
      edgeTypes,
      enums,
      ...(rules ? { rules } : {}),
      typeByName: (name) => byName.get(name),
      typeByLabel: (label) => byLabel.get(label),
      target: (name) => byName.get(name) ?? abstractByName.get(name),
      edgeType: (name) => edgeByName.get(name),
    };
  }

  private vertexType(node: ObjectTypeDefinitionNode): VertexType {
    const name = node.name.value;
    const args = this.args('vertex', node.directives) as { label?: string; plural?: string };
    const label = args.label ?? name;
    if (label === '') this.problem(`@vertex(label:) of ${name} must not be empty`, node);
    for (const named of node.interfaces ?? []) {
      if (!this.interfaceNodes.has(named.name.value)) {
        this.problem(`${name} implements ${named.name.value}; vertex types implement TypedVertex, which is added for them, and interfaces declared in this file`, named);
      }
    }
    for (const key of (node.directives ?? []).filter((d) => d.name.value === 'key')) {
      const { fields } = this.args('key', [key]) as { fields: string };
      // References are resolved by vertex id only (src/federation), so a key on other fields could never resolve.
      if (fields.trim() !== 'id') this.problem(`@key(fields: ${JSON.stringify(fields)}) of ${name}: typed types are resolved by their vertex id; use @key(fields: "id")`, key);
    }
    const fields = (node.fields ?? []).flatMap((f) => this.vertexField(name, f) ?? []);
    const ids = fields.filter((f) => f.kind === 'id');
    if (ids.length > 1) this.problem(`${name} has ${ids.length} @id fields; a vertex has one id`, ids[1].node);
    const idField = ids[0];
    if (idField && idField.name !== 'id' && fields.some((f) => f.name === 'id')) {
      this.problem(`${name}.id would shadow the vertex id: ${name}.${idField.name} is the @id field, and every typed type has id: ID! too`, idField.node);
    }
    return {
      name,
      label,
      singular: names.lookup(name),
      plural: args.plural ?? names.list(name),
      fields,
      interfaces: (node.interfaces ?? []).map((i) => i.name.value),
      otherDirectives: (node.directives ?? []).filter((d) => !OWN_DEFINITIONS.has(d.name.value)),
      node,
    };
  }

  private vertexField(typeName: string, field: FieldDefinitionNode): TypedField | undefined {
    const name = field.name.value;
    const ours = OUR_FIELD_DIRECTIVES.filter((d) => this.directive(field.directives, d));
    if (ours.length > 1) return this.problem(`${typeName}.${name} combines ${ours.map((d) => `@${d}`).join(' and ')}; use one`, field);
    if (RESERVED_FIELDS.has(name)) {
      return this.problem(`${typeName}.${name}: "${name}" is generated on every typed type; map the property under another field name with @property(key: "${name}")`, field);
    }
    const directive = ours[0];
    if (directive === 'gremlin') return this.gremlinField(typeName, field, false);
    if (field.arguments && field.arguments.length > 0) {
      return this.problem(`${typeName}.${name} declares arguments; only @gremlin fields take their own (relationship arguments are generated)`, field);
    }
    if (directive === 'edge') return this.relationship(typeName, field);
    if (directive === 'id' || (name === 'id' && directive === undefined)) {
      if (!isNonNullNamed(field.type, 'ID')) return this.problem(`${typeName}.${name} is the id field and must have type ID!`, field);
      return { kind: 'id', name, node: field };
    }
    const target = namedType(field.type);
    if (this.vertexNodes.has(target) || this.plainNodes.has(target)) {
      return this.problem(`${typeName}.${name} returns the object type ${target}: map it with @edge(label: "...", direction: OUT) or @gremlin(traversal: "...")`, field);
    }
    return this.property(typeName, field);
  }

  /** A field of the author's `type Query`: only @gremlin fields, since lookups and lists are generated. */
  private queryField(field: FieldDefinitionNode): GremlinField | undefined {
    const name = field.name.value;
    const ours = OUR_FIELD_DIRECTIVES.filter((d) => this.directive(field.directives, d));
    if (ours.length !== 1 || ours[0] !== 'gremlin') {
      return this.problem(
        `Query.${name} needs @gremlin(traversal: "...") and no other of our directives: fields of Query are computed by a traversal (lookups and lists of @vertex types are generated)`,
        field,
      );
    }
    return this.gremlinField('Query', field, true);
  }

  private gremlinField(typeName: string, field: FieldDefinitionNode, root: boolean): GremlinField | undefined {
    const { traversal } = this.args('gremlin', field.directives) as { traversal: string };
    return readGremlinField(field, traversal, {
      typeName,
      root,
      isVertexType: (n) => this.vertexNodes.has(n) || this.unionNodes.has(n) || this.interfaceNodes.has(n),
      valueKind: (n) => this.valueKind(n),
      problem: (message, node) => this.problem(message, node),
    });
  }

  private relationship(typeName: string, field: FieldDefinitionNode): RelationshipField | undefined {
    const name = field.name.value;
    const args = this.args('edge', field.directives) as { label: string; direction: DirectionName; properties?: string };
    const target = namedType(field.type);
    if (!this.vertexNodes.has(target) && !this.unionNodes.has(target) && !this.interfaceNodes.has(target)) {
      const what = this.plainNodes.has(target) ? `${target}, which has no @vertex` : target;
      return this.problem(`@edge field ${typeName}.${name} must return a @vertex type, or a union or interface of them (or a list of one), not ${what}`, field);
    }
    if (nestedList(field.type)) return this.problem(`${typeName}.${name} is a list of lists; a relationship is a list of vertices`, field);
    if (args.label === '') return this.problem(`@edge(label:) of ${typeName}.${name} must not be empty`, field);
    if (args.properties !== undefined) {
      if (!this.plainNodes.has(args.properties)) {
        return this.problem(`@edge(properties: "${args.properties}") of ${typeName}.${name} must name an object type without @vertex declared in this schema`, field);
      }
      this.usedEdgeTypes.add(args.properties);
    }
    return {
      kind: 'relationship',
      name,
      edgeLabel: args.label,
      direction: args.direction,
      target,
      many: isList(field.type),
      nonNull: field.type.kind === 'NonNullType',
      properties: args.properties,
      node: field,
    };
  }

  /** A union whose members are all @vertex types. */
  private unionType(node: UnionTypeDefinitionNode, vertexTypes: readonly VertexType[]): AbstractType | undefined {
    const name = node.name.value;
    const members: VertexType[] = [];
    for (const named of node.types ?? []) {
      const member = vertexTypes.find((t) => t.name === named.name.value);
      if (member) members.push(member);
      else this.problem(`union ${name} includes ${named.name.value}, which has no @vertex; a union's members are @vertex types`, named);
    }
    if (members.length !== (node.types ?? []).length) return undefined;
    return { kind: 'union', name, members, fields: [], node };
  }

  /** An interface, implemented by one @vertex type at least (and only by @vertex types, checked with those). */
  private interfaceType(node: InterfaceTypeDefinitionNode, vertexTypes: readonly VertexType[]): AbstractType | undefined {
    const name = node.name.value;
    if (node.directives?.length) return this.problem(`interface ${name} takes no directives; @key goes on the @vertex types implementing it`, node.directives[0]);
    for (const field of node.fields ?? []) {
      const ours = OUR_FIELD_DIRECTIVES.filter((d) => this.directive(field.directives, d));
      if (ours.length > 0) {
        this.problem(`${name}.${field.name.value} takes no @${ours[0]}: each @vertex type implementing ${name} maps its own ${field.name.value}`, field);
      }
      const rule = field.directives?.find((d) => d.name.value === 'authorization' || d.name.value === 'owner');
      if (rule) this.problem(`${name}.${field.name.value} takes no @${rule.name.value}: put it on the field of each @vertex type implementing ${name}`, rule);
    }
    const members = vertexTypes.filter((t) => t.interfaces.includes(name));
    if (members.length === 0) return this.problem(`interface ${name} is implemented by no @vertex type; declare type ... implements ${name} @vertex(...)`, node);
    return { kind: 'interface', name, members, fields: sharedFields(node, members), node };
  }

  private edgeProperty(typeName: string, field: FieldDefinitionNode): PropertyField | undefined {
    const ours = OUR_FIELD_DIRECTIVES.filter((d) => d !== 'property' && this.directive(field.directives, d));
    if (ours.length > 0) return this.problem(`${typeName}.${field.name.value} describes an edge property; @${ours[0]} only applies to fields of @vertex types`, field);
    if (field.arguments && field.arguments.length > 0) return this.problem(`${typeName}.${field.name.value} declares arguments; property fields take none`, field);
    return this.property(typeName, field);
  }

  private property(typeName: string, field: FieldDefinitionNode): PropertyField | undefined {
    const name = field.name.value;
    const value = this.valueKind(namedType(field.type));
    if (!value) {
      return this.problem(`${typeName}.${name} has type ${namedType(field.type)}; properties are String, Int, Float, Boolean, ID, DateTime, an enum, or a list of one`, field);
    }
    if (nestedList(field.type)) return this.problem(`${typeName}.${name} is a list of lists; a property holds a list of values at most`, field);
    const args = (this.args('property', field.directives) ?? {}) as { key?: string; encoding?: DateTimeEncoding };
    const key = args.key ?? name;
    if (key === '' || key.startsWith('~')) return this.problem(`@property(key: "${key}") of ${typeName}.${name} is not a valid property key`, field);
    const encoding = args.encoding ?? 'DATE';
    if (encoding !== 'DATE' && !(value.kind === 'scalar' && value.name === 'DateTime')) {
      return this.problem(`@property(encoding:) of ${typeName}.${name} only applies to DateTime fields`, field);
    }
    return { kind: 'property', name, key, value, list: isList(field.type), nonNull: field.type.kind === 'NonNullType', encoding, node: field };
  }

  private valueKind(name: string): ValueKind | undefined {
    if (SCALARS.has(name)) return { kind: 'scalar', name: name as ScalarName };
    if (this.enumNames.has(name)) return { kind: 'enum', name };
    return undefined;
  }

  /** Labels map to one type each; root field names must not clash with each other or with the core API's. */
  private checkUnique(types: readonly VertexType[], queryFields: readonly GremlinField[]): void {
    const labels = new Map<string, string>();
    const rootFields = new Map<string, string>([...this.coreQueryFields].map((f) => [f, 'the core API']));
    for (const type of types) {
      const other = labels.get(type.label);
      if (other) this.problem(`${type.name} and ${other} both map label "${type.label}"; a label maps to one type`, type.node);
      labels.set(type.label, type.name);
      if (type.singular === type.plural) {
        this.problem(`${type.name}'s list query would be called "${type.plural}" like its lookup; set @vertex(plural: "...")`, type.node);
      }
      for (const field of [type.singular, type.plural]) {
        const owner = rootFields.get(field);
        if (owner) this.problem(`Query.${field} of ${type.name} clashes with Query.${field} of ${owner}; rename the type or set @vertex(plural: "...")`, type.node);
        rootFields.set(field, type.name);
      }
    }
    for (const field of queryFields) {
      const owner = rootFields.get(field.name);
      if (owner) this.problem(`Query.${field.name} clashes with Query.${field.name} of ${owner}; rename one of them`, field.node);
    }
  }

  private directive(directives: readonly ConstDirectiveNode[] | undefined, name: string): ConstDirectiveNode | undefined {
    return directives?.find((d) => d.name.value === name);
  }

  private args(name: string, directives: readonly ConstDirectiveNode[] | undefined): Record<string, unknown> | undefined {
    const definition = this.schema.getDirective(name) as GraphQLDirective;
    return getDirectiveValues(definition, { directives }) ?? undefined;
  }

  private problem(message: string, node: { loc?: DefinitionNode['loc'] } & object): undefined {
    this.problems.push(new GraphQLError(message, { nodes: [node as DefinitionNode] }));
    return undefined;
  }
}

/** The interface's fields that every member maps alike; @gremlin fields and fields mapped differently are left out. */
function sharedFields(node: InterfaceTypeDefinitionNode, members: readonly VertexType[]): TypedField[] {
  return (node.fields ?? []).flatMap((f) => {
    const mapped = members.map((m) => m.fields.find((x) => x.name === f.name.value));
    const first = mapped[0];
    if (!first || first.kind === 'gremlin') return [];
    return mapped.every((m) => m !== undefined && mappingOf(m) === mappingOf(first)) ? [first] : [];
  });
}

function mappingOf(field: TypedField): string {
  switch (field.kind) {
    case 'id':
      return 'id';
    case 'property':
      return JSON.stringify(['property', field.key, field.value, field.list, field.encoding]);
    case 'relationship':
      return JSON.stringify(['relationship', field.edgeLabel, field.direction, field.target, field.many, field.properties ?? null]);
    case 'gremlin':
      return JSON.stringify(['gremlin', field.path]);
  }
}

function describeDefinition(d: DefinitionNode): string {
  return 'name' in d && d.name ? `${d.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} ${d.name.value}` : d.kind;
}

function nestedList(type: TypeNode): boolean {
  const inner = type.kind === 'NonNullType' ? type.type : type;
  if (inner.kind !== 'ListType') return false;
  const item = inner.type.kind === 'NonNullType' ? inner.type.type : inner.type;
  return item.kind === 'ListType';
}

function isNonNullNamed(type: TypeNode, name: string): boolean {
  return type.kind === 'NonNullType' && type.type.kind === 'NamedType' && type.type.name.value === name;
}
