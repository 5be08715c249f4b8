import { Kind, parse, type ConstDirectiveNode, type DefinitionNode, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';

/**
 * Federation 2.3: everything nereid uses (@key, @shareable) is in 2.0, and 2.3 is old enough for every
 * supported Apollo Router and Gateway to accept, while leaving entity interfaces (@interfaceObject) open.
 */
const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.3';

const FEDERATION_DIRECTIVES = ['key', 'shareable'] as const;

const LINK = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: [${FEDERATION_DIRECTIVES.map((d) => `"@${d}"`).join(', ')}])`);

/** Vertices and edges are addressed by id; so are the typed types, which all implement TypedVertex. */
const ENTITY_TYPES = new Set(['Vertex', 'Edge']);
const ENTITY_INTERFACE = 'TypedVertex';

/**
 * Value types other subgraphs commonly declare too (a Relay PageInfo); @shareable lets them compose with
 * ours when they mark theirs shareable as well.
 */
const SHAREABLE_TYPES = new Set(['PageInfo']);

/**
 * The served SDL as a Federation 2 subgraph: the @link importing federation's directives, `@key(fields: "id")`
 * on every entity type that doesn't name its own key, and @shareable on common value types. Definitions of the
 * imported directives are dropped: an author may declare @key so their file validates on its own, but here the
 * link defines it.
 */
export function toSubgraphTypeDefs(documents: readonly DocumentNode[]): DocumentNode[] {
  return [LINK, ...documents.map((doc) => ({ ...doc, definitions: doc.definitions.flatMap(subgraphDefinition) }))];
}

/** Whether an object type is resolved by reference (`_entities`). */
function isEntityType(definition: ObjectTypeDefinitionNode): boolean {
  return ENTITY_TYPES.has(definition.name.value) || (definition.interfaces ?? []).some((i) => i.name.value === ENTITY_INTERFACE);
}

function subgraphDefinition(definition: DefinitionNode): DefinitionNode[] {
  if (definition.kind === Kind.DIRECTIVE_DEFINITION && (FEDERATION_DIRECTIVES as readonly string[]).includes(definition.name.value)) return [];
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return [definition];
  const directives = [...(definition.directives ?? [])];
  if (isEntityType(definition) && !directives.some((d) => d.name.value === 'key')) directives.push(keyDirective('id'));
  if (SHAREABLE_TYPES.has(definition.name.value) && !directives.some((d) => d.name.value === 'shareable')) directives.push(directive('shareable'));
  return [{ ...definition, directives }];
}

function keyDirective(fields: string): ConstDirectiveNode {
  return {
    ...directive('key'),
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: fields } }],
  };
}

function directive(name: string): ConstDirectiveNode {
  return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name }, arguments: [] };
}
