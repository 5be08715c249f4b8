import { badInput } from '../errors';
import type { Comparison, FilterNode } from '../operations/filter';
import { ID_ORDER_KEY, type OrderNode } from '../operations/order';
import { MAX_ORDER_KEYS, checkFilterDepth } from './arguments';
import type { ListOperator, ScalarOperator } from '../typed/filter-inputs';
import { idFieldOf, labelsOf, type EdgePropertiesType, type PropertyField, type TypedField, type TypedModel } from '../typed/model';
import { toGraph } from '../typed/values';

/**
 * Typed `where` and `orderBy` arguments as the core's FilterNode and OrderNode: field names become property
 * keys, DateTime values take their stored encoding, relationship conditions become `related` nodes
 * (`where(__.out('FOLLOWS').hasLabel('User').has(...))`). An empty `where` means no condition.
 */

type WhereInput = Readonly<Record<string, unknown>>;

/** A @vertex type, or an interface with the fields its members map alike. */
type FieldOwner = { readonly fields: readonly TypedField[] };

export function vertexFilter(model: TypedModel, type: FieldOwner, where: WhereInput | null | undefined, argument = 'where', depth = 0): FilterNode | undefined {
  if (!where) return undefined;
  checkFilterDepth(depth, argument);
  const idName = idFieldOf(type)?.name ?? 'id';
  const parts: FilterNode[] = [];
  for (const [name, value] of Object.entries(where)) {
    if (value === null || value === undefined) continue;
    const at = `${argument}.${name}`;
    if (name === idName) {
      parts.push(...idConditions(value as WhereInput, at));
      continue;
    }
    const combined = combination(name, value, at, (w, a) => vertexFilter(model, type, w, a, depth + 1));
    if (combined) {
      parts.push(combined);
      continue;
    }
    const quantified = /^(.*)_(some|none|every)$/.exec(name);
    const field =
      type.fields.find((f) => f.name === name && (f.kind === 'property' || (f.kind === 'relationship' && !f.many))) ??
      type.fields.find((f) => f.kind === 'relationship' && f.many && f.name === quantified?.[1]);
    if (field?.kind === 'property') {
      parts.push(...propertyConditions(field, value as WhereInput, at));
    } else if (field?.kind === 'relationship') {
      const quantifier = field.many ? (quantified![2] as 'some' | 'none' | 'every') : 'some';
      const target = model.target(field.target)!;
      parts.push({
        kind: 'related',
        hop: { direction: field.direction, edgeLabels: [field.edgeLabel], target: 'vertex', vertexLabels: labelsOf(target) },
        quantifier,
        filter: vertexFilter(model, target, value as WhereInput, at, depth + 1),
      });
    }
  }
  return all(parts);
}

export function edgeFilter(type: EdgePropertiesType, where: WhereInput | null | undefined, argument = 'edgeWhere', depth = 0): FilterNode | undefined {
  if (!where) return undefined;
  checkFilterDepth(depth, argument);
  const parts: FilterNode[] = [];
  for (const [name, value] of Object.entries(where)) {
    if (value === null || value === undefined) continue;
    const at = `${argument}.${name}`;
    const combined = combination(name, value, at, (w, a) => edgeFilter(type, w, a, depth + 1));
    const field = type.fields.find((f) => f.name === name);
    if (combined) parts.push(combined);
    else if (field) parts.push(...propertyConditions(field, value as WhereInput, at));
  }
  return all(parts);
}

function combination(name: string, value: unknown, at: string, child: (w: WhereInput, argument: string) => FilterNode | undefined): FilterNode | undefined {
  if (name === 'NOT') return { kind: 'not', child: child(value as WhereInput, at) ?? { kind: 'and', children: [] } };
  if (name !== 'AND' && name !== 'OR') return undefined;
  const list = value as WhereInput[];
  if (list.length === 0) throw badInput(`"${name}" needs at least one filter`, at);
  const children = list.map((w, i) => child(w, `${at}[${i}]`) ?? { kind: 'and' as const, children: [] });
  return children.length === 1 ? children[0] : { kind: name === 'AND' ? 'and' : 'or', children };
}

function idConditions(filter: WhereInput, at: string): FilterNode[] {
  return Object.entries(filter).flatMap(([op, value]): FilterNode[] => {
    if (value === null || value === undefined) return [];
    if (op === 'exists') throw badInput('Every vertex has an id; "exists" does not apply to it', `${at}.exists`);
    return [{ kind: 'id', op: op as 'eq' | 'neq' | 'in' | 'notIn', value }];
  });
}

function propertyConditions(field: PropertyField, filter: WhereInput, at: string): FilterNode[] {
  const key = field.key;
  return Object.entries(filter).flatMap(([op, value]): FilterNode[] => {
    if (value === null || value === undefined) return [];
    if (op === 'exists') return [{ kind: 'exists', key, exists: value as boolean }];
    // `in`, `notIn` and the list operators take several values, each stored in the field's encoding.
    const values = Array.isArray(value) ? value.map((v) => toGraph(field, v)) : toGraph(field, value);
    if (!field.list) return [{ kind: 'compare', key, op: op as Exclude<ScalarOperator, 'exists'> as Comparison, value: values }];
    switch (op as ListOperator) {
      case 'includes':
        return [{ kind: 'compare', key, op: 'eq', value: values }];
      case 'includesAny':
        return [{ kind: 'compare', key, op: 'in', value: values }];
      case 'includesAll':
        if ((values as unknown[]).length === 0) throw badInput('"includesAll" needs at least one value', `${at}.includesAll`);
        return (values as unknown[]).map((v) => ({ kind: 'compare', key, op: 'eq', value: v }));
      case 'includesNone':
        return [{ kind: 'not', child: { kind: 'compare', key, op: 'in', value: values } }];
      default:
        return [];
    }
  });
}

function all(parts: FilterNode[]): FilterNode | undefined {
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
}

export function vertexOrder(type: FieldOwner, orderBy: readonly WhereInput[] | null | undefined, argument = 'orderBy'): OrderNode {
  const list = orderBy ?? [];
  if (list.length > MAX_ORDER_KEYS) throw badInput(`At most ${MAX_ORDER_KEYS} sort keys are allowed`, argument);
  const idName = idFieldOf(type)?.name ?? 'id';
  return {
    keys: list.map((entry, i) => {
      const set = Object.entries(entry).filter(([, v]) => v !== null && v !== undefined);
      if (set.length !== 1) throw badInput('Each orderBy entry names exactly one field; give several entries to sort by several', `${argument}[${i}]`);
      const [name, direction] = set[0];
      const field = type.fields.find((f) => f.name === name);
      const key = name === idName ? ID_ORDER_KEY : (field as PropertyField).key;
      return { key, descending: direction === 'DESC' };
    }),
  };
}
