import type { ConstDirectiveNode, FieldDefinitionNode, ObjectTypeDefinitionNode } from 'graphql';
import { mergeRules, rulesSchema, type Rules } from '../security/rules';
import type { EdgePropertiesType, GremlinField, PropertyField, TypedField, VertexType } from './model';

/**
 * The @authorization and @owner directives of a typed schema, compiled into the authorization rules model
 * (src/security/rules.ts): a @vertex type restricts its label in `restrict.vertices`, an @edge field its edge
 * label in `restrict.edges`, a property field its key in `restrict.keys`. The policy then applies them as it
 * applies the rules file's, to every read and write, through the typed API and the generic one alike.
 */

interface Reading {
  /** The values of each directive of this name on `directives`, one per occurrence. */
  args(name: 'authorization' | 'owner', directives: readonly ConstDirectiveNode[] | undefined): Record<string, unknown>[];
  problem(message: string, node: object): undefined;
}

interface Schema {
  readonly vertexTypes: readonly VertexType[];
  readonly edgeTypes: readonly EdgePropertiesType[];
  readonly queryFields: readonly GremlinField[];
}

type Kind = 'vertices' | 'edges' | 'keys';

/** The rules the schema's directives say; undefined when it has none. Problems go to `reading.problem`, each at its directive. */
export function compileAuthorization(schema: Schema, reading: Reading): Rules | undefined {
  const fragments: Rules[] = [];
  const restrict = (kind: Kind, name: string, path: string, node: ObjectTypeDefinitionNode | FieldDefinitionNode, owners: OwnerSource | undefined) => {
    const authorization = reading.args('authorization', node.directives)[0];
    const ownerRules = owners ? ownerRulesOf(node, owners, path, reading) : [];
    if (!authorization && ownerRules.length === 0) return;
    const entry = { ...roleLists(authorization), ...(ownerRules.length ? { owners: ownerRules } : {}) };
    if (kind === 'keys' && 'delete' in entry) {
      reading.problem(`${path}: @authorization(delete:) applies to @vertex types and @edge fields; removing a property is an update`, directiveNode(node, 'authorization') ?? node);
      return;
    }
    const parsed = rulesSchema.safeParse({ restrict: { [kind]: { [name]: entry } } });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = issue.path.slice(3).map(String).join('.');
        reading.problem(`${path}: @${at.startsWith('owners') ? 'owner' : 'authorization'}${at ? ` at ${at}` : ''}: ${issue.message}`, node);
      }
      return;
    }
    fragments.push(parsed.data);
  };
  for (const type of schema.vertexTypes) {
    restrict('vertices', type.label, type.name, type.node, { fields: type.fields, what: `a property field of ${type.name}` });
    for (const field of type.fields) {
      const path = `${type.name}.${field.name}`;
      if (field.kind === 'property') {
        restrict('keys', field.key, path, field.node, { fields: type.fields, what: `a property field of ${type.name}`, actions: ['UPDATE'] });
      } else if (field.kind === 'relationship') {
        const properties = field.properties ? schema.edgeTypes.find((e) => e.name === field.properties) : undefined;
        restrict('edges', field.edgeLabel, path, field.node, { fields: properties?.fields ?? [], what: properties ? `a property field of ${properties.name}` : `a field of @edge(properties:), which ${path} does not name` });
      } else {
        refuseAny(field, path, field.kind === 'id' ? 'the id field: ids are as visible as their vertices' : 'a @gremlin field: restrict the labels and keys its traversal reads', reading);
      }
    }
  }
  for (const type of schema.edgeTypes) {
    refuseAny({ node: type.node }, type.name, `${type.name}, a type of edge properties: put it on the @edge fields whose edges it describes`, reading);
    for (const field of type.fields) {
      const path = `${type.name}.${field.name}`;
      refuseOwner(field, path, 'a field of edge properties; put it on the @edge field', reading);
      restrict('keys', field.key, path, field.node, undefined);
    }
  }
  for (const field of schema.queryFields) refuseAny(field, field.path, 'a @gremlin field: restrict the labels and keys its traversal reads', reading);
  return fragments.reduce<Rules | undefined>((all, next) => mergeRules(all, next), undefined);
}

interface OwnerSource {
  /** The fields `@owner(field:)` may name. */
  readonly fields: readonly TypedField[];
  readonly what: string;
  /** The actions it may cover, when not all. */
  readonly actions?: readonly string[];
}

function ownerRulesOf(node: ObjectTypeDefinitionNode | FieldDefinitionNode, source: OwnerSource, path: string, reading: Reading) {
  return reading.args('owner', node.directives).flatMap((args) => {
    const { field, claim, actions, except } = args as { field: string; claim: string; actions: string[]; except?: string[] | null };
    const property = source.fields.find((f): f is PropertyField => f.kind === 'property' && f.name === field);
    if (!property) return reading.problem(`${path}: @owner(field: ${JSON.stringify(field)}) must name ${source.what}`, directiveNode(node, 'owner') ?? node) ?? [];
    const beyond = source.actions ? actions.filter((a) => !source.actions!.includes(a)) : [];
    if (beyond.length) {
      // A property filter sees the property alone, not its element's owner key: only writes can be checked.
      return reading.problem(`${path}: @owner on a property field covers UPDATE only, not ${beyond.join(', ')} (to hide the key from all but owners, put @owner(actions: [READ]) on the type)`, directiveNode(node, 'owner') ?? node) ?? [];
    }
    return [{ key: property.key, claim, actions: actions.map((a) => a.toLowerCase()), ...(except ? { except } : {}) }];
  });
}

function roleLists(args: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args ?? {}).filter(([, v]) => v !== undefined && v !== null));
}

function refuseOwner(field: { node: FieldDefinitionNode }, path: string, why: string, reading: Reading): void {
  const owner = directiveNode(field.node, 'owner');
  if (owner) reading.problem(`${path}: @owner does not apply to ${why}`, owner);
}

function refuseAny(item: { node: ObjectTypeDefinitionNode | FieldDefinitionNode }, path: string, why: string, reading: Reading): void {
  for (const name of ['authorization', 'owner'] as const) {
    const directive = directiveNode(item.node, name);
    if (directive) reading.problem(`${path}: @${name} does not apply to ${why}`, directive);
  }
}

function directiveNode(node: { readonly directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find((d) => d.name.value === name);
}
