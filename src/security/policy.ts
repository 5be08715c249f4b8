import gremlin from 'gremlin';
import type { GraphQLError } from 'graphql';
import { gatewayError } from '../errors';
import { __, anonymous, P, type Bytecode, type GraphTraversal } from '../gremlin/source';
import type { Operation } from '../operations/operation';
import type { Principal } from './authenticate';
import { effectsOf, type Effects } from './bytecode';
import type { Action, RoleRules, Rules } from './rules';

const { SubgraphStrategy } = require('gremlin/lib/process/traversal-strategy') as { SubgraphStrategy: new (options: object) => object };
const { Bytecode: BytecodeClass } = gremlin.process;

/** `undefined`: no restriction; otherwise a filter traversal an element must pass. */
type Filter = GraphTraversal | undefined;
const NOTHING = () => __.limit(0);

/** The grant of a caller when the rules name no roles: everything, narrowed by `restrict` alone. */
const EVERYTHING: RoleRules = Object.fromEntries(
  (['read', 'create', 'update', 'delete'] as const).map((a) => [a, { vertices: '*', edges: '*', keys: '*' }]),
) as RoleRules;

/** The keys a caller may read (or set): those `allow`ed (every key for `*`) that are not `deny`ed. */
interface KeyRule {
  readonly allow: '*' | readonly string[];
  readonly deny: readonly string[];
}

/**
 * The authorization policy: the rules (the file's and a typed schema's directives, merged) applied to one
 * caller. It turns the role grants and the restrictions into filter terms (label allowed, key readable, owner
 * predicate as a has() on the caller's claim value, a bytecode argument) and write checks, and `enforce` applies
 * them to one traversal: the terms become a SubgraphStrategy on the traversal itself, so they hold for every
 * element it touches — root pages, neighbours, typed relationships, traverse, shortestPath and pageRank walk
 * only visible elements, federation entities and loaders find only visible ones, and a write sees only what it
 * may change. The strategy has no edge-property filter, so the traversal's own property reads are narrowed to
 * the readable keys as well. Checks that need no data (a key one may not read, a label one may not create,
 * read-only mode) refuse the traversal before it is sent.
 */
export class Access {
  readonly roles: readonly string[];
  private readonly granted: readonly RoleRules[];

  constructor(private readonly rules: Rules, private readonly principal: Principal) {
    this.roles = rolesOf(rules, principal);
    const roles = rules.roles;
    this.granted = roles ? this.roles.flatMap((r) => (roles[r] ? [roles[r]] : [])) : [EVERYTHING];
  }

  /** The traversal to send for `operation`: its own, under this caller's rules; or the error refusing it. */
  enforce(operation: Operation<unknown>): Bytecode {
    const { mode } = operation;
    const bytecode = operation.traversal().getBytecode();
    const effects = effectsOf(bytecode);
    this.checkReadKeys(effects);
    const writes = mode === 'write' || effects.mutatingSteps.size > 0;
    if (writes) this.checkWrite(effects);
    const actions: Action[] = ['read', ...(effects.updates ? (['update'] as const) : []), ...(effects.deletes ? (['delete'] as const) : [])];
    const owned = this.keyOwnerTerms(effects.updatedKeys);
    const vertices = this.filter('vertices', actions, owned);
    const edges = this.filter('edges', actions);
    const keys = this.keyRule('read');
    const allKeys = keys.allow === '*' && keys.deny.length === 0;
    if (!vertices && !edges && allKeys) return bytecode;
    const strategy = new SubgraphStrategy({
      ...(vertices ? { vertices } : {}),
      ...(edges ? { edges } : {}),
      ...(allKeys ? {} : { vertexProperties: __.hasKey(keyPredicate(keys)) }),
      // A write may change an edge whose end it may not change (a LIKES edge from a User it cannot update).
      checkAdjacentVertices: actions.length === 1,
    });
    const guarded = new BytecodeClass();
    guarded.sourceInstructions.push(['withStrategies', strategy], ...bytecode.sourceInstructions);
    // SubgraphStrategy filters vertex properties only: edge properties are hidden by narrowing the reads themselves.
    guarded.stepInstructions.push(...(allKeys ? bytecode.stepInstructions : this.narrowPropertyReads(bytecode, keys)));
    return guarded;
  }

  /**
   * Whether `bytecode` updates or deletes under rules that narrow what it may change: then a write that found
   * nothing may have been kept from an element the caller can see, and says so rather than "does not exist".
   */
  narrowsChanges(bytecode: Bytecode): boolean {
    const effects = effectsOf(bytecode);
    const actions: Action[] = [...(effects.updates ? (['update'] as const) : []), ...(effects.deletes ? (['delete'] as const) : [])];
    return this.keyOwnerTerms(effects.updatedKeys).length > 0 || actions.some((a) => this.actionFilter('vertices', a) !== undefined || this.actionFilter('edges', a) !== undefined);
  }

  /** For a write changing `keys`: the owner rules of those keys, as terms every vertex it changes must pass. */
  private keyOwnerTerms(keys: ReadonlySet<string>): GraphTraversal[] {
    return [...keys].flatMap((key) =>
      (this.rules.restrict.keys[key]?.owners ?? []).flatMap((o) => {
        if (o.except?.some((r) => this.roles.includes(r))) return [];
        const value = this.principal.claims[o.claim];
        return [value === undefined || value === null ? NOTHING() : __.has(o.key, Array.isArray(value) ? P.within(value) : value)];
      }),
    );
  }

  /** Whether the caller may use the raw `gremlin` field, and write through it. */
  gremlin(): { allowed: boolean; write: boolean } {
    const grants = this.granted.flatMap((r) => (r.gremlin ? [r.gremlin] : []));
    return { allowed: grants.length > 0, write: grants.some((g) => g.write) };
  }

  refuse(message: string): GraphQLError {
    return this.principal.authenticated
      ? gatewayError('FORBIDDEN', message)
      : gatewayError('UNAUTHENTICATED', `${message}; sign in: send "Authorization: Bearer <jwt>"`);
  }

  private checkReadKeys(effects: Effects): void {
    const keys = this.keyRule('read');
    const forbidden = [...effects.readKeys].filter((k) => !keyAllowed(keys, k)).sort();
    // Refused rather than answered as if the key were absent: a filter on a value one cannot read would
    // otherwise tell, by what it matches, what the value is.
    if (forbidden.length) throw this.refuse(`Not allowed to read the propert${forbidden.length === 1 ? 'y' : 'ies'} ${forbidden.map((k) => `"${k}"`).join(', ')}`);
  }

  private checkWrite(effects: Effects): void {
    if (this.rules.readOnly) throw this.refuse('The graph is read-only here (readOnly in the rules); nothing was written');
    if (effects.opaque.size) {
      const restricted = Object.keys(this.rules.restrict.vertices).length + Object.keys(this.rules.restrict.edges).length + Object.keys(this.rules.restrict.keys).length > 0;
      const unrestricted = !restricted && this.granted.some((r) => ['create', 'update'].every((a) => allows(r[a as Action]?.vertices, '*') && allows(r[a as Action]?.edges, '*') && allows(r[a as Action]?.keys ?? '*', '*')));
      if (!unrestricted) throw this.refuse(`Not allowed: ${[...effects.opaque].join(', ')}() needs create and update rights on every label`);
    }
    const deny = (what: string) => {
      throw this.refuse(`Not allowed to ${what}; nothing was written`);
    };
    // TinkerGraph's mergeV/mergeE find elements a SubgraphStrategy hides, so under rules that hide or protect
    // elements they could change what the caller may not see; V()/E() with addV()/addE() are checked instead.
    for (const [step, kind] of [['mergeV', 'vertices'], ['mergeE', 'edges']] as const) {
      if (effects.mutatingSteps.has(step) && this.filter(kind, ['read', 'update']) !== undefined) deny(`use ${step}() where rules hide or protect ${kind}: look the element up with ${step === 'mergeV' ? 'V()' : 'E()'} and create it with ${step === 'mergeV' ? 'addV()' : 'addE()'}`);
    }
    for (const label of effects.createdVertexLabels) if (!this.granted.some((r) => allows(r.create?.vertices, label)) || this.denied('vertices', 'create', label)) deny(`create "${label}" vertices`);
    for (const label of effects.createdEdgeLabels) if (!this.granted.some((r) => allows(r.create?.edges, label)) || this.denied('edges', 'create', label)) deny(`create "${label}" edges`);
    const creatable = this.keyRule('create');
    for (const key of effects.createdKeys) if (!keyAllowed(creatable, key)) deny(`set the property "${key}"`);
    const updatable = this.keyRule('update');
    for (const key of effects.updatedKeys) if (!keyAllowed(updatable, key)) deny(`change the property "${key}"`);
    if (effects.updates && !this.granted.some((r) => r.update)) deny('update anything');
    if (effects.deletes && !this.granted.some((r) => r.delete)) deny('delete anything');
  }

  /** The keys this caller may read, create or update: what its roles grant, less what `restrict` keeps from it. */
  private keyRule(action: 'read' | 'create' | 'update'): KeyRule {
    const deny = Object.entries(this.rules.restrict.keys).flatMap(([key, r]) => (this.excluded(r[action]) ? [key] : []));
    const keys = new Set<string>();
    for (const r of this.granted) {
      if (!r[action]) continue;
      const k = r[action].keys ?? '*';
      if (k === '*') return { allow: '*', deny };
      for (const key of k) keys.add(key);
    }
    return { allow: [...keys], deny };
  }

  /** Whether a restriction listing `roles` for an action keeps this caller out. */
  private excluded(roles: readonly string[] | undefined): boolean {
    return roles !== undefined && !roles.some((r) => this.roles.includes(r));
  }

  private denied(kind: 'vertices' | 'edges', action: Action, label: string): boolean {
    const r = this.rules.restrict[kind][label];
    return r !== undefined && this.excluded(r[action]);
  }

  /**
   * The steps of `bytecode` (and of its child traversals) with every step reading all of an element's
   * properties narrowed to the readable keys: `valueMap()` becomes a map of only those, `values()` and
   * `properties()` skip the others. `elementMap()` and `propertyMap()` without keys are named in the message
   * when only some keys are hidden (those cannot be narrowed without changing their shape).
   */
  private narrowPropertyReads(bytecode: Bytecode, keys: KeyRule): unknown[][] {
    const out: unknown[][] = [];
    for (const [name, ...args] of bytecode.stepInstructions as [string, ...unknown[]][]) {
      const keyless = !args.some((a) => typeof a === 'string');
      if (keyless && name === 'valueMap' && args.length === 0) {
        // One list of values per key, as valueMap gives for vertices; decoders take an edge's one-value list.
        out.push(['local', __.properties().hasKey(keyPredicate(keys)).group().by(__.key()).by(__.value())]);
      } else if (keyless && (name === 'values' || name === 'properties') && args.length === 0) {
        out.push(['properties'], ['hasKey', keyPredicate(keys)], ...(name === 'values' ? [['value']] : []));
      } else if (keyless && (name === 'valueMap' || name === 'elementMap' || name === 'propertyMap')) {
        if (keys.allow === '*') throw this.refuse(`Not allowed to read every property: name the keys in ${name}()`);
        out.push([name, ...args, ...readableList(keys)]);
      } else {
        out.push([name, ...args.map((a) => this.narrowInArgument(a, keys))]);
      }
    }
    return out;
  }

  private narrowInArgument(arg: unknown, keys: KeyRule): unknown {
    // The planner's child traversals are traversals, the Gremlin parser's (raw Gremlin) bytecode.
    if (arg instanceof gremlin.process.Traversal || arg instanceof BytecodeClass) {
      const bytecode = new BytecodeClass();
      bytecode.stepInstructions.push(...this.narrowPropertyReads(arg instanceof BytecodeClass ? arg : arg.getBytecode(), keys));
      return arg instanceof BytecodeClass ? bytecode : anonymous(bytecode);
    }
    if (Array.isArray(arg)) return arg.map((a) => this.narrowInArgument(a, keys));
    return arg;
  }

  /** Elements of `kind` this caller may act on for every one of `actions`; undefined when all. */
  private filter(kind: 'vertices' | 'edges', actions: readonly Action[], also: readonly GraphTraversal[] = []): Filter {
    const terms = [...actions.map((a) => this.actionFilter(kind, a)).filter((t) => t !== undefined), ...also];
    if (terms.length === 0) return undefined;
    return terms.length === 1 ? terms[0] : __.and(...terms);
  }

  /** What the roles grant for `action` on elements of `kind`, narrowed by `restrict`: labels kept from this caller, owner rules. */
  private actionFilter(kind: 'vertices' | 'edges', action: Action): Filter {
    const granted = this.grantFilter(kind, action);
    const narrowing: GraphTraversal[] = [];
    const restricted = Object.entries(this.rules.restrict[kind]);
    const denied = restricted.flatMap(([label, r]) => (this.excluded(r[action]) ? [label] : []));
    if (denied.length) narrowing.push(__.not(__.hasLabel(...denied)));
    for (const [label, r] of restricted) {
      for (const o of r.owners ?? []) {
        if (!o.actions.includes(action) || denied.includes(label) || o.except?.some((r) => this.roles.includes(r))) continue;
        const value = this.principal.claims[o.claim];
        narrowing.push(value === undefined || value === null
          ? __.not(__.hasLabel(label))
          : __.or(__.not(__.hasLabel(label)), __.has(o.key, Array.isArray(value) ? P.within(value) : value)));
      }
    }
    const terms = [...(granted ? [granted] : []), ...narrowing];
    if (terms.length === 0) return undefined;
    return terms.length === 1 ? terms[0] : __.and(...terms);
  }

  private grantFilter(kind: 'vertices' | 'edges', action: Action): Filter {
    const terms: GraphTraversal[] = [];
    for (const r of this.granted) {
      const labels = r[action]?.[kind];
      if (labels === undefined) continue;
      const owners = (r.owners ?? []).filter((o) => o.actions.includes(action) && allows(labels, o.label));
      const ownerTerms = owners.flatMap((o) => {
        const value = this.principal.claims[o.claim];
        if (value === undefined || value === null) return [];
        return [__.hasLabel(o.label).has(o.key, Array.isArray(value) ? P.within(value) : value)];
      });
      const ownerLabels = [...new Set(owners.map((o) => o.label))];
      if (labels === '*') {
        if (ownerLabels.length === 0) return undefined;
        terms.push(__.or(__.not(__.hasLabel(...ownerLabels)), ...ownerTerms));
      } else {
        const plain = labels.filter((l) => !ownerLabels.includes(l));
        if (plain.length) terms.push(__.hasLabel(...plain));
        terms.push(...ownerTerms);
      }
    }
    if (terms.length === 0) return NOTHING();
    return terms.length === 1 ? terms[0] : __.or(...terms);
  }
}

function keyAllowed(rule: KeyRule, key: string): boolean {
  return (rule.allow === '*' || rule.allow.includes(key)) && !rule.deny.includes(key);
}

function readableList(rule: KeyRule): string[] {
  const list = rule.allow === '*' ? [] : rule.allow.filter((k) => !rule.deny.includes(k));
  // `~` keys are reserved by TinkerPop: naming one asks for no property at all, where no key would mean all.
  return list.length ? list : ['~none'];
}

/** The readable keys as a predicate on a property's key. */
function keyPredicate(rule: KeyRule) {
  return rule.allow === '*' ? P.without(...rule.deny) : P.within(...readableList(rule));
}

function allows(list: '*' | string[] | undefined, name: string): boolean {
  return list === '*' || (list !== undefined && list.includes(name));
}

/** `anonymous` without a token; with one, `authenticated` and the roles its claim names. */
export function rolesOf(rules: Rules, principal: Principal): string[] {
  if (!principal.authenticated) return ['anonymous'];
  const claim = principal.claims[rules.rolesClaim];
  const named = typeof claim === 'string' ? claim.split(/[\s,]+/).filter(Boolean) : Array.isArray(claim) ? claim.filter((c): c is string => typeof c === 'string') : [];
  return ['authenticated', ...named];
}

/** Whether an error is the policy refusing an operation (which was then never sent). */
export function isRefusal(err: unknown): boolean {
  const code = (err as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
}
