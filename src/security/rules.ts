import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The authorization rules (NEREID_AUTH_RULES, JSON or YAML, and the @authorization/@owner directives of a typed
 * schema, compiled into the same model by src/typed/authorization.ts). `roles` grants: every list is an
 * allow-list, what a role does not list it may not do, `"*"` means every label or key. A caller holds the roles
 * named by the token's roles claim, plus `authenticated` with a valid token, or only `anonymous` without one;
 * what any of them allows is allowed. Without `roles` every caller holds every grant. `restrict` then narrows
 * per label and key, whatever the grants say: only the roles it lists for an action may do it, and its owner
 * rules hold for every caller.
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

const roleNames = z.array(z.string().min(1)).min(1);

const restriction = z.strictObject({
  read: roleNames.optional(),
  create: roleNames.optional(),
  update: roleNames.optional(),
  delete: roleNames.optional(),
  /** Elements of the label are only visible / writable, for these actions, where the key equals the caller's claim. */
  owners: z.array(owner.omit({ label: true }).extend({ except: roleNames.optional().describe('roles the rule does not hold for') })).optional(),
});

const keyRestriction = z.strictObject({
  read: roleNames.optional(),
  create: roleNames.optional(),
  update: roleNames.optional(),
  /**
   * Only a vertex's owner changes the key (update only: a property filter cannot look at its element's other
   * properties, so a key's visibility cannot depend on them).
   */
  owners: z.array(z.strictObject({ key: z.string().min(1), claim: z.string().min(1), actions: z.array(z.enum(['update'])).min(1), except: roleNames.optional() })).optional(),
});

const restrictions = z.strictObject({
  vertices: z.record(z.string().min(1), restriction).default({}),
  edges: z.record(z.string().min(1), restriction).default({}),
  keys: z.record(z.string().min(1), keyRestriction).default({}),
});

export const rulesSchema = z.strictObject({
  /** The claim listing the caller's roles: a string or an array of strings (Cognito: `cognito:groups`). */
  rolesClaim: z.string().min(1).default('roles'),
  /** Refuse every write, whatever the roles allow. */
  readOnly: z.boolean().default(false),
  /** Absent: every caller holds every grant (and `restrict` alone decides). */
  roles: z.record(z.string().min(1), role).optional(),
  restrict: restrictions.default({ vertices: {}, edges: {}, keys: {} }),
});

export type Rules = z.infer<typeof rulesSchema>;
export type RoleRules = z.infer<typeof role>;
export type AccessRules = z.infer<typeof access>;
export type OwnerRule = z.infer<typeof owner>;
export type Restrictions = z.infer<typeof restrictions>;
export type Restriction = z.infer<typeof restriction>;
export type KeyRestriction = z.infer<typeof keyRestriction>;

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

/**
 * Both sets of rules at once: the file decides the grants, the claim and read-only mode; restrictions of the
 * same label or key from both hold together (a role must be listed by both, every owner rule holds).
 */
export function mergeRules(file: Rules | undefined, schema: Rules | undefined): Rules | undefined {
  if (!file || !schema) return file ?? schema;
  const merged: Restrictions = { vertices: { ...file.restrict.vertices }, edges: { ...file.restrict.edges }, keys: { ...file.restrict.keys } };
  for (const kind of ['vertices', 'edges'] as const) {
    for (const [name, r] of Object.entries(schema.restrict[kind])) merged[kind][name] = both(merged[kind][name], r);
  }
  for (const [name, r] of Object.entries(schema.restrict.keys)) merged.keys[name] = both(merged.keys[name], r);
  return { ...file, restrict: merged };
}

function both<R extends Partial<Record<Action, string[]>> & { owners?: readonly unknown[] }>(a: R | undefined, b: R): R {
  if (!a) return b;
  const out: Record<string, unknown> = {};
  for (const action of ACTIONS) {
    const x = a[action];
    const y = b[action];
    if (x || y) out[action] = x && y ? x.filter((role) => y.includes(role)) : (x ?? y);
  }
  if (a.owners || b.owners) out.owners = [...(a.owners ?? []), ...(b.owners ?? [])];
  return out as R;
}
