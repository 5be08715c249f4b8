/**
 * The directives of a typed schema: their names and arguments are a contract with schema authors (arguments
 * may be added, never renamed). Definitions of these in an author's file are accepted and replaced by ours, so
 * editors can validate the file on its own.
 */
export const DIRECTIVES_SDL = /* GraphQL */ `
"Maps an object type to the vertices with \`label\` (default: the type's name). \`plural\` names the list query (default: an English plural of the type name)."
directive @vertex(label: String, plural: String) on OBJECT

"Maps a field to the neighbours along edges with \`label\` in \`direction\`; \`properties\` names an object type describing the edges' properties."
directive @edge(label: String!, direction: Direction = OUT, properties: String) on FIELD_DEFINITION

"Maps a field to a property \`key\` (default: the field's name). \`encoding\` says how a DateTime field is stored."
directive @property(key: String, encoding: DateTimeEncoding = DATE) on FIELD_DEFINITION

"Marks the field holding the vertex id."
directive @id on FIELD_DEFINITION

"Computes a field with a Gremlin traversal, written as text and parsed once; \`id\` (the parent's id, none on Query fields) and the field's arguments are bound as values. A list field returns at most its \`first\` or \`limit\` argument's worth, else at most 100 results."
directive @gremlin(traversal: String!) on FIELD_DEFINITION

"Who may act on what this marks: a @vertex type's vertices, an @edge field's edges (its label, wherever it is reached), a property field's key. Each list names the roles allowed that action; an action left out is not restricted here. Compiled into the authorization rules (\`restrict\` of NEREID_AUTH_RULES) and merged with the rules file."
directive @authorization(read: [String!], create: [String!], update: [String!], delete: [String!]) on OBJECT | FIELD_DEFINITION

"An owner rule on a @vertex type (or an @edge field's edges): for \`actions\`, a caller only sees or changes the elements whose property field \`field\` equals the token's \`claim\`, unless it holds one of the roles in \`except\`. On a property field, UPDATE only: only the owner changes that key."
directive @owner(field: String!, claim: String! = "sub", actions: [OwnerAction!]!, except: [String!]) repeatable on OBJECT | FIELD_DEFINITION

"What an owner rule covers."
enum OwnerAction {
  READ
  UPDATE
  DELETE
}

"How a DateTime property is stored: a Gremlin date (Neptune's Date type), epoch milliseconds (a Long), or an ISO-8601 string."
enum DateTimeEncoding {
  DATE
  EPOCH_MILLIS
  ISO_8601
}

"A date and time, as an ISO-8601 string (RFC 3339)."
scalar DateTime
`;

/** Federation's entity key, accepted on vertex types; defined here only when the schema is served standalone. */
export const KEY_DIRECTIVE_SDL = 'directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE';

export const OWN_DEFINITIONS = new Set(['vertex', 'edge', 'property', 'id', 'gremlin', 'authorization', 'owner', 'OwnerAction', 'DateTimeEncoding', 'DateTime']);
