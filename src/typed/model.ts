import type {
  ConstDirectiveNode,
  FieldDefinitionNode,
  InputValueDefinitionNode,
  InterfaceTypeDefinitionNode,
  ObjectTypeDefinitionNode,
  UnionTypeDefinitionNode,
} from 'graphql';
import type { CompiledTraversal } from '../embedded/language';
import type { DirectionName } from '../operations/hop';
import type { Rules } from '../security/rules';

/** What a typed schema says, read from the author's SDL once and used by generation, planning and resolvers. */

export type ScalarName = 'String' | 'Int' | 'Float' | 'Boolean' | 'ID' | 'DateTime';
export type DateTimeEncoding = 'DATE' | 'EPOCH_MILLIS' | 'ISO_8601';

/** The type of a property's values: a built-in scalar, DateTime, or one of the author's enums (stored as its name). */
export type ValueKind = { readonly kind: 'scalar'; readonly name: ScalarName } | { readonly kind: 'enum'; readonly name: string };

export interface PropertyField {
  readonly kind: 'property';
  readonly name: string;
  readonly key: string;
  readonly value: ValueKind;
  /** Several values under one key (set cardinality). */
  readonly list: boolean;
  readonly nonNull: boolean;
  readonly encoding: DateTimeEncoding;
  readonly node: FieldDefinitionNode;
}

export interface IdField {
  readonly kind: 'id';
  readonly name: string;
  readonly node: FieldDefinitionNode;
}

export interface RelationshipField {
  readonly kind: 'relationship';
  readonly name: string;
  readonly edgeLabel: string;
  readonly direction: DirectionName;
  /** The type at the other end: a @vertex type, or a union or interface of them (see AbstractType). */
  readonly target: string;
  /** A list field (`[User!]!`) rather than a to-one field (`City`). */
  readonly many: boolean;
  readonly nonNull: boolean;
  /** The object type describing the edges' properties, when the author gave one. */
  readonly properties?: string;
  readonly node: FieldDefinitionNode;
}

/** What a @gremlin field yields: vertices (of a typed type, any typed type, or generic) or plain values. */
export type GremlinResult =
  | { readonly kind: 'typed'; readonly type: string }
  | { readonly kind: 'anyTyped' }
  | { readonly kind: 'vertex' }
  | { readonly kind: 'value'; readonly value: ValueKind | { readonly kind: 'json' } };

export interface GremlinField {
  readonly kind: 'gremlin';
  readonly name: string;
  /** `Type.field` or `Query.field`, for messages. */
  readonly path: string;
  readonly text: string;
  readonly compiled: CompiledTraversal;
  /**
   * `keyed` when the text starts with `V(id)` and uses `id` nowhere else, `union` when it uses `id` elsewhere
   * (nested all the same where those uses only test the parent, see src/planner/gremlin-fields.ts, else batched
   * by CustomTraversals); `root` for a field of Query, which has no parent and no `id`.
   */
  readonly shape: 'keyed' | 'union' | 'root';
  readonly args: readonly InputValueDefinitionNode[];
  /** A list field's `first` or `limit` argument, which the gateway applies as well as binding it. */
  readonly window?: WindowArgument;
  readonly result: GremlinResult;
  readonly many: boolean;
  readonly nonNull: boolean;
  readonly node: FieldDefinitionNode;
}

export interface WindowArgument {
  readonly name: 'first' | 'limit';
  /** The argument's declared default, if any. */
  readonly defaultValue?: number;
}

export type TypedField = PropertyField | IdField | RelationshipField | GremlinField;

export interface VertexType {
  readonly name: string;
  readonly label: string;
  /** Root field names: `user(id)` and `users(...)`. */
  readonly singular: string;
  readonly plural: string;
  readonly fields: readonly TypedField[];
  /** The author's interfaces it implements (TypedVertex is added to them). */
  readonly interfaces: readonly string[];
  /** The author's directives other than ours (e.g. federation's @key), kept on the generated type. */
  readonly otherDirectives: readonly ConstDirectiveNode[];
  readonly node: ObjectTypeDefinitionNode;
}

/** An object type named by `@edge(properties:)`: the edges' property fields. */
export interface EdgePropertiesType {
  readonly name: string;
  readonly fields: readonly PropertyField[];
  readonly node: ObjectTypeDefinitionNode;
}

/**
 * A union of @vertex types, or an interface implemented by @vertex types: a relationship to it reaches vertices
 * of any of its members' labels, each read as the member its label maps to.
 */
export interface AbstractType {
  readonly kind: 'union' | 'interface';
  readonly name: string;
  readonly members: readonly VertexType[];
  /**
   * The interface's fields that every member maps alike (the same property key and encoding, the same edge),
   * which its `where` and `orderBy` take; none for a union, which has no fields of its own.
   */
  readonly fields: readonly TypedField[];
  readonly node: InterfaceTypeDefinitionNode | UnionTypeDefinitionNode;
}

/** What an @edge field may return. */
export type TargetType = VertexType | AbstractType;

export function isAbstract(type: TargetType): type is AbstractType {
  return 'members' in type;
}

/** The vertex labels a relationship to `type` reaches. */
export function labelsOf(type: TargetType): string[] {
  return isAbstract(type) ? type.members.map((m) => m.label) : [type.label];
}

export interface TypedModel {
  readonly vertexTypes: readonly VertexType[];
  readonly abstractTypes: readonly AbstractType[];
  /** The author's `type Query` fields, all of them @gremlin fields. */
  readonly queryFields: readonly GremlinField[];
  readonly edgeTypes: readonly EdgePropertiesType[];
  /** The author's enum definitions, printed as they were. */
  readonly enums: readonly string[];
  /** What @authorization and @owner say, as authorization rules (src/typed/authorization.ts); none without them. */
  readonly rules?: Rules;
  typeByName(name: string): VertexType | undefined;
  typeByLabel(label: string): VertexType | undefined;
  /** The @vertex type, union or interface of that name. */
  target(name: string): TargetType | undefined;
  edgeType(name: string): EdgePropertiesType | undefined;
}

export function idFieldOf(type: { readonly fields: readonly TypedField[] }): IdField | undefined {
  return type.fields.find((f): f is IdField => f.kind === 'id');
}
