/**
 * Gremlin Server's request/response envelopes, independent of the serializer that carries them.
 */
export interface RequestMessage {
  readonly requestId: string;
  readonly op: string;
  readonly processor: string;
  /**
   * Decoded arguments. `gremlin` is a Bytecode (op `bytecode`) or a string (op `eval`); `aliases` and
   * `bindings`, when present, are plain records; other values are as the serializer typed them.
   */
  readonly args: Readonly<Record<string, unknown>>;
}

export interface ResponseStatus {
  readonly code: number;
  readonly message: string;
  readonly attributes: ReadonlyMap<string, unknown>;
}

export interface ResponseMessage {
  readonly requestId: string | null;
  readonly status: ResponseStatus;
  /** The result items of this frame (a list), or null for errors. */
  readonly data: readonly unknown[] | null;
}

/** How elements are written: `tokens` is id and label only (Neptune), `all` adds their properties. */
export type MaterializeProperties = 'tokens' | 'all';

export interface MessageSerializer {
  readonly mimeType: string;
  /** Whether responses travel as binary WebSocket frames (else text). */
  readonly binary: boolean;
  /** Throws RequestDecodeError. */
  decodeRequest(payload: Buffer): RequestMessage;
  /** Throws SerializationError when a result value has no wire form. */
  encodeResponse(response: ResponseMessage, materialize: MaterializeProperties): Buffer | string;
}

/** A request that cannot be read; `requestId` is set when the envelope got that far. */
export class RequestDecodeError extends Error {
  constructor(
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'RequestDecodeError';
  }
}

export class SerializationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SerializationError';
  }
}

/** Names a value for error messages without dumping it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

/**
 * `aliases` and `bindings` arrive as Maps (GraphBinary, typed GraphSON) or plain objects; the server wants
 * records. Anything else is left as it came, for the server to refuse with a message naming the argument.
 */
export function normalizeArgs(args: Iterable<[unknown, unknown]>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of args) {
    if (typeof key !== 'string') throw new Error(`request argument names must be strings, not ${describeValue(key)}`);
    record[key] = key === 'aliases' || key === 'bindings' ? (toRecord(value) ?? value) : value;
  }
  return record;
}

function toRecord(value: unknown): Record<string, unknown> | undefined {
  if (value instanceof Map) {
    if (![...value.keys()].every((k) => typeof k === 'string')) return undefined;
    return Object.fromEntries(value) as Record<string, unknown>;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return { ...(value as Record<string, unknown>) };
  }
  return undefined;
}
