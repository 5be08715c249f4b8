import gremlin from 'gremlin';

/**
 * GraphBinary 1.0 requests written into one buffer. The driver's writer builds a Buffer per value and joins
 * them at every level of the bytecode, and finds each value's serializer by asking every serializer in turn;
 * a planned traversal has hundreds of values. Strings, numbers, booleans, nulls, lists, enums and nested
 * traversals are written here, byte for byte as the driver writes them; any other value (predicates, maps,
 * strategies, ...) is written by the driver's own serializer.
 */

interface Request {
  readonly requestId: string;
  readonly op: string;
  readonly processor: string;
  readonly args: Record<string, unknown>;
}

// The driver's serializers are not re-exported by its index.
const ioc = require('gremlin/lib/structure/io/binary/GraphBinary') as { anySerializer: { serialize(item: unknown): Buffer } };

const { Bytecode, Traversal, EnumValue } = gremlin.process;

const INT = 0x01;
const LONG = 0x02;
const STRING = 0x03;
const DOUBLE = 0x07;
const LIST = 0x09;
const MAP = 0x0a;
const BYTECODE = 0x15;
const BOOLEAN = 0x27;
const UNSPECIFIED_NULL = 0xfe;
const VERSION = 0x81;

/** The driver's enum type codes (EnumSerializer), by the type name an EnumValue carries. */
const ENUM_CODES: Readonly<Record<string, number>> = {
  Barrier: 0x13,
  Cardinality: 0x16,
  Column: 0x17,
  Direction: 0x18,
  Operator: 0x19,
  Order: 0x1a,
  Pick: 0x1b,
  Pop: 0x1c,
  Scope: 0x1f,
  T: 0x20,
  Merge: 0x2e,
  DT: 0x2f,
};

class FrameWriter {
  private buffer = Buffer.allocUnsafe(4096);
  private at = 0;

  request({ requestId, op, processor, args }: Request): Buffer {
    this.byte(VERSION);
    this.uuid(requestId);
    this.string(op);
    this.string(processor);
    const keys = Object.keys(args);
    this.int(keys.length);
    for (const key of keys) {
      this.any(key);
      this.any(args[key]);
    }
    return this.buffer.subarray(0, this.at);
  }

  /** A fully qualified value: type code, value flag, value. */
  private any(value: unknown): void {
    if (value === null || value === undefined) {
      this.byte(UNSPECIFIED_NULL);
      this.byte(0x01);
    } else if (typeof value === 'number') {
      this.number(value);
    } else if (typeof value === 'string') {
      this.qualified(STRING);
      this.string(value);
    } else if (typeof value === 'boolean') {
      this.qualified(BOOLEAN);
      this.byte(value ? 1 : 0);
    } else if (value instanceof Bytecode || value instanceof Traversal) {
      this.qualified(BYTECODE);
      this.bytecode(value instanceof Traversal ? value.getBytecode() : value);
    } else if (value instanceof EnumValue && ENUM_CODES[value.typeName] !== undefined && value.elementName != null) {
      this.qualified(ENUM_CODES[value.typeName]);
      this.qualified(STRING);
      this.string(value.elementName);
    } else if (Array.isArray(value)) {
      this.qualified(LIST);
      this.int(value.length);
      for (const item of value) this.any(item);
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      this.qualified(MAP);
      this.int(keys.length);
      for (const key of keys) {
        this.any(key);
        this.any((value as Record<string, unknown>)[key]);
      }
    } else {
      this.bytes(ioc.anySerializer.serialize(value));
    }
  }

  /** As the driver types a number: a double unless integral, an int where it fits, else a long. */
  private number(value: number): void {
    if (!Number.isInteger(value)) {
      this.qualified(DOUBLE);
      this.ensure(8);
      this.at = this.buffer.writeDoubleBE(value, this.at);
    } else if (value >= -2147483648 && value <= 2147483647) {
      this.qualified(INT);
      this.int(value);
    } else {
      this.qualified(LONG);
      this.ensure(8);
      this.at = this.buffer.writeBigInt64BE(BigInt(value), this.at);
    }
  }

  private bytecode(bytecode: gremlin.process.Bytecode): void {
    for (const instructions of [bytecode.stepInstructions, bytecode.sourceInstructions]) {
      this.int(instructions.length);
      for (const instruction of instructions as unknown as unknown[][]) {
        this.string(instruction[0] as string);
        this.int(instruction.length - 1);
        for (let i = 1; i < instruction.length; i++) this.any(instruction[i]);
      }
    }
  }

  private qualified(code: number): void {
    this.byte(code);
    this.byte(0x00);
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buffer[this.at++] = b;
  }

  private int(n: number): void {
    this.ensure(4);
    this.at = this.buffer.writeInt32BE(n, this.at);
  }

  /** Length, then UTF-8 bytes: the length is written once the bytes are. */
  private string(s: string): void {
    this.ensure(4 + s.length * 3);
    const written = this.buffer.write(s, this.at + 4, 'utf8');
    this.buffer.writeInt32BE(written, this.at);
    this.at += 4 + written;
  }

  private uuid(id: string): void {
    const hex = id.replace(/^urn:uuid:/, '').replace(/[{}-]/g, '');
    this.ensure(16);
    for (let i = 0; i < 16; i++) this.buffer[this.at + i] = i * 2 < hex.length ? parseInt(hex.slice(i * 2, i * 2 + 2), 16) : 0;
    this.at += 16;
  }

  private bytes(b: Buffer): void {
    this.ensure(b.length);
    this.at += b.copy(this.buffer, this.at);
  }

  private ensure(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + n));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const graphBinaryWriter = {
  writeRequest: (request: Request): Buffer => new FrameWriter().request(request),
};
