import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The SDL files shipped with the package: `schema/` at the package root, beside `src/` and `dist/`. */
export const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** The generic API's SDL, file by file in name order: the gateway serves it, the typed compiler and inference check names against it. */
export function loadTypeDefs(dir = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}
