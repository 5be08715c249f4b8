import pluralize from 'pluralize';
import type { RelationshipField, VertexType } from './model';

/**
 * Generated names, in one place so the documentation (docs/typed-schemas.md) and the code can't drift: for a
 * type `User` and its relationship `follows`, `user`/`users`, `UserWhere`, `UserOrderBy`, `UserConnection`,
 * `UserEdge`, `UserCreateInput`, `UserFollowsCreateInput`, `UserUpdateInput`, `UserFollowsUpdateInput`, `followsConnection`, `UserFollowsConnection`,
 * `UserFollowsRelationship`, `createUser`, `updateUser`, `deleteUser`, `connectUserFollows`,
 * `disconnectUserFollows`, and `follows_some`/`follows_none`/`follows_every` in `UserWhere`.
 */
export const names = {
  lookup: (type: string) => lowerFirst(type),
  /** Without `@vertex(plural:)`. */
  list: (type: string) => lowerFirst(pluralOf(type)),
  where: (type: string) => `${type}Where`,
  orderBy: (type: string) => `${type}OrderBy`,
  connection: (type: string) => `${type}Connection`,
  edge: (type: string) => `${type}Edge`,
  createInput: (type: string) => `${type}CreateInput`,
  updateInput: (type: string) => `${type}UpdateInput`,
  /** A create input's `follows: { connect, properties }`. */
  relationshipCreateInput: (type: VertexType, field: RelationshipField) => `${type.name}${upperFirst(field.name)}CreateInput`,
  /** An update input's `follows: { connect, disconnect, properties }`. */
  relationshipUpdateInput: (type: VertexType, field: RelationshipField) => `${type.name}${upperFirst(field.name)}UpdateInput`,
  propertiesInput: (edgeType: string) => `${edgeType}Input`,
  relationshipConnectionField: (field: string) => `${field}Connection`,
  relationshipConnection: (type: VertexType, field: RelationshipField) => `${type.name}${upperFirst(field.name)}Connection`,
  relationship: (type: VertexType, field: RelationshipField) => `${type.name}${upperFirst(field.name)}Relationship`,
  create: (type: VertexType) => `create${type.name}`,
  update: (type: VertexType) => `update${type.name}`,
  delete: (type: VertexType) => `delete${type.name}`,
  connect: (type: VertexType, field: RelationshipField) => `connect${type.name}${upperFirst(field.name)}`,
  disconnect: (type: VertexType, field: RelationshipField) => `disconnect${type.name}${upperFirst(field.name)}`,
};

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The English plural of a camelCase name's last word (`TagClass` → `TagClasses`, `Person` → `People`), by the
 * `pluralize` library's rules; `@vertex(plural:)` overrides it. A word that is its own plural (`Sheep`,
 * `People`) gets `List`, so the list query never takes the lookup's name.
 */
export function pluralOf(name: string): string {
  const match = /([A-Z]?[a-z0-9]*)$/.exec(name);
  const word = match && match[1] !== '' ? match[1] : name;
  const plural = pluralize.plural(word);
  if (plural.toLowerCase() === word.toLowerCase()) return `${name}List`;
  return name.slice(0, name.length - word.length) + plural;
}
