import gremlin from 'gremlin';
import type { Bytecode } from '../gremlin/source';

const { Bytecode: BytecodeClass, Traversal, P, TextP } = gremlin.process;

/**
 * What a traversal does, read from its bytecode: the property keys it reads or tests, the labels it creates,
 * the keys it writes, and whether it updates or deletes existing elements. The policy checks this before the
 * traversal is sent, so the same checks hold for every operation the planner builds and for raw Gremlin.
 */
export interface Effects {
  /** Keys the traversal filters, orders or projects by (has, hasKey, values, properties, valueMap, by(...)). */
  readonly readKeys: Set<string>;
  readonly createdVertexLabels: Set<string>;
  readonly createdEdgeLabels: Set<string>;
  /** Keys set on an element the traversal created. */
  readonly createdKeys: Set<string>;
  /** Keys set on or removed from an existing element. */
  readonly updatedKeys: Set<string>;
  updates: boolean;
  deletes: boolean;
  /** Steps that write, as named in the bytecode (for messages). */
  readonly mutatingSteps: Set<string>;
  /** Steps taking a lambda or a label computed by a traversal: what the policy cannot see through. */
  readonly opaque: Set<string>;
}

const KEY_STEPS = new Set(['hasKey', 'hasNot', 'values', 'properties', 'valueMap', 'elementMap', 'propertyMap', 'by']);
const MUTATING = new Set(['addV', 'addE', 'property', 'drop', 'mergeV', 'mergeE']);
/** Steps after which the traverser is an element that already existed (or a value read from one). */
const MOVES = new Set(['V', 'E', 'out', 'in', 'both', 'outE', 'inE', 'bothE', 'outV', 'inV', 'bothV', 'otherV', 'select', 'identity']);

export function effectsOf(bytecode: Bytecode): Effects {
  const effects: Effects = {
    readKeys: new Set(),
    createdVertexLabels: new Set(),
    createdEdgeLabels: new Set(),
    createdKeys: new Set(),
    updatedKeys: new Set(),
    updates: false,
    deletes: false,
    mutatingSteps: new Set(),
    opaque: new Set(),
  };
  walk(bytecode, false, effects);
  return effects;
}

/** `created`: whether the traverser entering this traversal is an element the traversal itself just added. */
function walk(bytecode: Bytecode, created: boolean, effects: Effects): void {
  let isNew = created;
  // The keys of a properties() step, while the traversers are those properties (so a drop() removes them).
  let onProperties: string[] | undefined;
  for (const [name, ...args] of bytecode.stepInstructions as [string, ...unknown[]][]) {
    if (MUTATING.has(name)) effects.mutatingSteps.add(name);
    switch (name) {
      case 'addV':
      case 'addE': {
        const label = args[0] === undefined ? (name === 'addV' ? 'vertex' : undefined) : args[0];
        if (typeof label === 'string') (name === 'addV' ? effects.createdVertexLabels : effects.createdEdgeLabels).add(label);
        else effects.opaque.add(name);
        isNew = true;
        onProperties = undefined;
        break;
      }
      case 'mergeV':
      case 'mergeE':
        // Creates or updates, with labels and keys in maps or traversals: only an unrestricted role may.
        effects.opaque.add(name);
        effects.updates = true;
        isNew = false;
        break;
      case 'property': {
        const rest = args[0] instanceof Object && 'elementName' in (args[0] as object) && (args[0] as { typeName?: string }).typeName === 'Cardinality' ? args.slice(1) : args;
        const key = rest[0];
        if (typeof key === 'string') (isNew ? effects.createdKeys : effects.updatedKeys).add(key);
        else if (typeof key === 'object' && key !== null && !('elementName' in key)) effects.opaque.add('property');
        if (!isNew) effects.updates = true;
        break;
      }
      case 'drop':
        if (onProperties) {
          effects.updates = true;
          for (const key of onProperties) effects.updatedKeys.add(key);
        } else {
          effects.deletes = true;
        }
        break;
      case 'has':
        if (args.length === 1 && typeof args[0] === 'string') effects.readKeys.add(args[0]);
        else if (args.length === 2 && typeof args[0] === 'string') effects.readKeys.add(args[0]);
        else if (args.length === 3 && typeof args[1] === 'string') effects.readKeys.add(args[1]);
        break;
      default:
        if (KEY_STEPS.has(name)) for (const arg of args) if (typeof arg === 'string') effects.readKeys.add(arg);
    }
    if (name === 'properties') onProperties = args.filter((a): a is string => typeof a === 'string');
    else if (MOVES.has(name)) {
      isNew = false;
      onProperties = undefined;
    }
    // A child traversal (sideEffect(...), where(...), by(...), from(__.V(x))) starts at its parent's traverser.
    for (const arg of args) visitArgument(arg, isNew, effects);
  }
}

function visitArgument(arg: unknown, created: boolean, effects: Effects): void {
  if (arg instanceof Traversal) walk(arg.getBytecode(), created, effects);
  else if (arg instanceof BytecodeClass) walk(arg, created, effects);
  else if (arg instanceof P || arg instanceof TextP) {
    const p = arg as unknown as { value: unknown; other: unknown };
    visitArgument(p.value, created, effects);
    visitArgument(p.other, created, effects);
  } else if (Array.isArray(arg)) for (const item of arg) visitArgument(item, created, effects);
}
