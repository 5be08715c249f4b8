import gremlin from 'gremlin';
import type { GraphQLError } from 'graphql';
import { gatewayError } from '../errors';
import { __, P, type Bytecode, type GraphTraversal } from '../gremlin/source';
import type { Operation } from '../operations/operation';
import type { Principal } from './authenticate';
import { effectsOf, type Effects } from './bytecode';
import type { Action, RoleRules, Rules } from './rules';

const { SubgraphStrategy } = require('gremlin/lib/process/traversal-strategy') as { SubgraphStrategy: new (options: object) => object };
const { Bytecode: BytecodeClass } = gremlin.process;

/** `undefined`: no restriction; otherwise a filter traversal an element must pass. */
type Filter = GraphTraversal | undefined;
const NOTHING = () => __.limit(0);

/**
 * The authorization policy: the rules file applied to one caller. It turns the rules into filter terms (label
 * allowed, key readable, owner predicate as a has() on the caller's claim value, a bytecode argument) and write
 * checks, and `enforce` applies them to one traversal: the terms become a SubgraphStrategy on the traversal
 * itself, so they hold for every element it touches — root pages, neighbours, typed relationships, traverse,
 * shortestPath and pageRank walk only visible elements, federation entities and loaders find only visible ones,
 * and a write sees only what it may change. Checks that need no data (a key one may not read, a label one may
 * not create, read-only mode) refuse the traversal before it is sent.
 */
export class Access {
  readonly roles: readonly string[];
  private readonly granted: readonly RoleRules[];

  constructor(private readonly rules: Rules, private readonly principal: Principal) {
    this.roles = rolesOf(rules, principal);
    this.granted = this.roles.flatMap((r) => (rules.roles[r] ? [rules.roles[r]] : []));
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
    const vertices = this.filter('vertices', actions);
    const edges = this.filter('edges', actions);
    const keys = this.readableKeys();
    if (!vertices && !edges && keys === '*') return bytecode;
    const strategy = new SubgraphStrategy({
      ...(vertices ? { vertices } : {}),
      ...(edges ? { edges } : {}),
      ...(keys === '*' ? {} : { vertexProperties: keys.length ? __.hasKey(...keys) : NOTHING() }),
      // A write may change an edge whose end it may not change (a LIKES edge from a User it cannot update).
      checkAdjacentVertices: actions.length === 1,
    });
    const guarded = new BytecodeClass();
    guarded.sourceInstructions.push(['withStrategies', strategy], ...bytecode.sourceInstructions);
    guarded.stepInstructions.push(...bytecode.stepInstructions);
    return guarded;
  }

  /**
   * Whether `bytecode` updates or deletes under rules that narrow what it may change: then a write that found
   * nothing may have been kept from an element the caller can see, and says so rather than "does not exist".
   */
  narrowsChanges(bytecode: Bytecode): boolean {
    const effects = effectsOf(bytecode);
    const actions: Action[] = [...(effects.updates ? (['update'] as const) : []), ...(effects.deletes ? (['delete'] as const) : [])];
    return actions.some((a) => this.actionFilter('vertices', a) !== undefined || this.actionFilter('edges', a) !== undefined);
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
    const keys = this.readableKeys();
    if (keys === '*') return;
    const forbidden = [...effects.readKeys].filter((k) => !keys.includes(k)).sort();
    // Refused rather than answered as if the key were absent: a filter on a value one cannot read would
    // otherwise tell, by what it matches, what the value is.
    if (forbidden.length) throw this.refuse(`Not allowed to read the propert${forbidden.length === 1 ? 'y' : 'ies'} ${forbidden.map((k) => `"${k}"`).join(', ')}`);
  }

  private checkWrite(effects: Effects): void {
    if (this.rules.readOnly) throw this.refuse('The graph is read-only here (readOnly in the rules); nothing was written');
    if (effects.opaque.size) {
      const unrestricted = this.granted.some((r) => ['create', 'update'].every((a) => allows(r[a as Action]?.vertices, '*') && allows(r[a as Action]?.edges, '*') && allows(r[a as Action]?.keys ?? '*', '*')));
      if (!unrestricted) throw this.refuse(`Not allowed: ${[...effects.opaque].join(', ')}() needs create and update rights on every label`);
    }
    const deny = (what: string) => {
      throw this.refuse(`Not allowed to ${what}; nothing was written`);
    };
    for (const label of effects.createdVertexLabels) if (!this.granted.some((r) => allows(r.create?.vertices, label))) deny(`create "${label}" vertices`);
    for (const label of effects.createdEdgeLabels) if (!this.granted.some((r) => allows(r.create?.edges, label))) deny(`create "${label}" edges`);
    for (const key of effects.createdKeys) if (!this.granted.some((r) => r.create && allows(r.create.keys ?? '*', key))) deny(`set the property "${key}"`);
    for (const key of effects.updatedKeys) if (!this.granted.some((r) => r.update && allows(r.update.keys ?? '*', key))) deny(`change the property "${key}"`);
    if (effects.updates && !this.granted.some((r) => r.update)) deny('update anything');
    if (effects.deletes && !this.granted.some((r) => r.delete)) deny('delete anything');
  }

  private readableKeys(): string[] | '*' {
    const keys = new Set<string>();
    for (const r of this.granted) {
      if (!r.read) continue;
      const k = r.read.keys ?? '*';
      if (k === '*') return '*';
      for (const key of k) keys.add(key);
    }
    return [...keys];
  }

  /** Elements of `kind` this caller may act on for every one of `actions`; undefined when all. */
  private filter(kind: 'vertices' | 'edges', actions: readonly Action[]): Filter {
    const terms = actions.map((a) => this.actionFilter(kind, a)).filter((t) => t !== undefined);
    if (terms.length === 0) return undefined;
    return terms.length === 1 ? terms[0] : __.and(...terms);
  }

  private actionFilter(kind: 'vertices' | 'edges', action: Action): Filter {
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
