import { gatewayError } from '../errors';
import type { PropertyField } from './model';

/**
 * Property values between the graph and GraphQL. Vertex properties come as lists (valueMap); a field that is
 * not a list takes the one value, and a mismatch between data and schema is an error that names the vertex
 * and the field, never a silently wrong answer. DateTime values are stored as the field's encoding says.
 */
export function fieldValue(field: PropertyField, values: readonly unknown[] | undefined, owner: string): unknown {
  const list = values ?? [];
  if (field.list) return list.map((v) => fromGraph(field, v));
  if (list.length === 0) {
    if (field.nonNull) {
      throw gatewayError('SCHEMA_MISMATCH', `${owner} has no "${field.key}" property, but the schema says ${field.name} is never null`, {
        field: field.name,
      });
    }
    return null;
  }
  if (list.length > 1) {
    throw gatewayError('SCHEMA_MISMATCH', `${owner} holds ${list.length} values of "${field.key}", but the schema says ${field.name} is not a list`, {
      field: field.name,
    });
  }
  return fromGraph(field, list[0]);
}

function fromGraph(field: PropertyField, value: unknown): unknown {
  if (field.value.kind === 'scalar' && field.value.name === 'DateTime') return dateFromGraph(value);
  return typeof value === 'bigint' ? Number(value) : value;
}

/** A stored DateTime as a Date, whichever encoding stored it: a date, epoch milliseconds or an ISO string. */
export function dateFromGraph(value: unknown): unknown {
  if (typeof value === 'bigint') value = Number(value);
  return typeof value === 'number' || typeof value === 'string' ? new Date(value) : value;
}

/** A GraphQL input value (already coerced: DateTime is a Date) as the graph stores it. */
export function toGraph(field: Pick<PropertyField, 'value' | 'encoding'>, value: unknown): unknown {
  if (!(value instanceof Date) || field.value.kind !== 'scalar' || field.value.name !== 'DateTime') return value;
  switch (field.encoding) {
    case 'DATE':
      return value;
    case 'EPOCH_MILLIS':
      return value.getTime();
    case 'ISO_8601':
      return value.toISOString();
  }
}
