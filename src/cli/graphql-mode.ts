/**
 * graphql-js chooses its type checks once, when loaded: outside NODE_ENV=production every failed `instanceof`
 * on a schema type (several per field it completes) also compares class names, only to report a second copy of
 * graphql in node_modules — about a fifth of its execution time on a nested query. The command loads it here,
 * before anything else, with its production checks, and puts NODE_ENV back: nereid's own production defaults
 * (introspection, the explorer, `extensions.gremlin`), Apollo's and Express's still follow what the user set.
 */
const asked = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  require('graphql');
} finally {
  if (asked === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = asked;
}
