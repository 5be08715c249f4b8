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
  /** Every step's name, child traversals included. */
  readonly steps: Set<string>;
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
    steps: new Set(),
  };
  walk(bytecode, false, effects);
  return effects;
}

/** `created`: whether the traverser entering this traversal is an element the traversal itself just added. */
function walk(bytecode: Bytecode, created: boolean, effects: Effects): void {
  let isNew = created;
  // After mergeV/mergeE: where the labels of its option(Merge.onCreate, [...]) go.
  let merging: Set<string> | undefined;
  // The keys of a properties() step, while the traversers are those properties (so a drop() removes them).
  let onProperties: string[] | undefined;
  for (const [name, ...args] of bytecode.stepInstructions as [string, ...unknown[]][]) {
    effects.steps.add(name);
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
        // Matches, then creates (from the match map and the onCreate option) or updates (from onMatch).
        if (args.length === 1 && args[0] instanceof Map) mergeMap(args[0], name === 'mergeV' ? effects.createdVertexLabels : effects.createdEdgeLabels, effects.createdKeys, effects);
        else effects.opaque.add(name);
        merging = name === 'mergeV' ? effects.createdVertexLabels : effects.createdEdgeLabels;
        effects.updates = true;
        isNew = false;
        break;
      case 'option':
        if (merging && isEnum(args[0], 'Merge')) {
          const which = (args[0] as { elementName: string }).elementName;
          if (!(args[1] instanceof Map)) effects.opaque.add(`option(Merge.${which})`);
          else if (which === 'onCreate') mergeMap(args[1], merging, effects.createdKeys, effects);
          else if (which === 'onMatch') mergeMap(args[1], merging, effects.updatedKeys, effects);
          continue;
        }
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

function isEnum(value: unknown, typeName: string): boolean {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === typeName;
}

/** The label (T.label) and keys of a mergeV/mergeE map; any other T token (T.id) or a Direction is no key. */
function mergeMap(map: Map<unknown, unknown>, labels: Set<string>, keys: Set<string>, effects: Effects): void {
  for (const [key, value] of map) {
    if (typeof key === 'string') keys.add(key);
    else if (isEnum(key, 'T') && (key as { elementName: string }).elementName === 'label') {
      if (typeof value === 'string') labels.add(value);
      else effects.opaque.add('mergeV');
    }
  }
}
