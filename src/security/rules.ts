import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The authorization rules file (NEREID_AUTH_RULES), JSON or YAML. Every list is an allow-list: what a role does
 * not list it may not do; `"*"` means every label or key. A caller holds the roles named by the token's roles
 * claim, plus `authenticated` with a valid token, or only `anonymous` without one; what any of them allows is
 * allowed.
 */
const names = z.union([z.literal('*'), z.array(z.string().min(1))]);

const access = z.strictObject({
  vertices: names.optional().describe('vertex labels'),
  edges: names.optional().describe('edge labels'),
  keys: names.optional().describe('property keys'),
});

const ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

const owner = z.strictObject({
  /** The vertex or edge label the rule restricts. */
  label: z.string().min(1),
  /** The element's property holding the owner ... */
  key: z.string().min(1),
  /** ... compared with this claim of the caller's token (e.g. `sub`). */
  claim: z.string().min(1),
  actions: z.array(z.enum(ACTIONS)).min(1),
});

const role = z.strictObject({
  read: access.optional(),
  create: access.optional(),
  update: access.optional(),
  delete: access.optional(),
  /** Elements of these labels are only visible / writable where the element's key equals the caller's claim. */
  owners: z.array(owner).optional(),
  /** The raw `gremlin` field: allowed for this role, and whether it may write. */
  gremlin: z.strictObject({ write: z.boolean().default(false) }).optional(),
});

export const rulesSchema = z.strictObject({
  /** The claim listing the caller's roles: a string or an array of strings (Cognito: `cognito:groups`). */
  rolesClaim: z.string().min(1).default('roles'),
  /** Refuse every write, whatever the roles allow. */
  readOnly: z.boolean().default(false),
  roles: z.record(z.string().min(1), role),
});

export type Rules = z.infer<typeof rulesSchema>;
export type RoleRules = z.infer<typeof role>;
export type AccessRules = z.infer<typeof access>;
export type OwnerRule = z.infer<typeof owner>;

export class RulesError extends Error {
  override readonly name = 'RulesError';
}

/** Reads and validates a rules file; a RulesError lists every mistake with its path, one per line. */
export function loadRules(file: string): Rules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RulesError(`NEREID_AUTH_RULES: cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new RulesError(`NEREID_AUTH_RULES: ${file} is not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseRules(data, file);
}

export function parseRules(data: unknown, source = 'rules'): Rules {
  const parsed = rulesSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  at ${issue.path.length ? issue.path.map(String).join('.') : '(top)'}: ${issue.message}`);
    throw new RulesError(`NEREID_AUTH_RULES: ${source} has ${problems.length} mistake${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
