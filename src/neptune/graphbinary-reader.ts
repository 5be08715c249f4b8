import gremlin from 'gremlin';
import type { ResponseReader } from './response-reader';

/**
 * GraphBinary 1.0 response frames read in place: one offset walks the frame. The driver's reader slices a new
 * Buffer view for every value it reads, and again for every field inside it, which on a nested page is most of
 * its time and garbage. The types an answer is made of — maps, lists, strings, numbers, dates, traversers —
 * are read here, into exactly what the driver would give; any other type (vertices, paths, enums, ...) is
 * handed to the driver's own serializer for that value, so every value reads as it always did.
 */

interface Ioc {
  readonly serializers: Record<number, { deserialize(buffer: Buffer): { v: unknown; len: number } }>;
}
// The driver's serializers are not re-exported by its index.
const ioc = require('gremlin/lib/structure/io/binary/GraphBinary') as Ioc;

const INT = 0x01;
const LONG = 0x02;
const STRING = 0x03;
const DATE = 0x04;
const TIMESTAMP = 0x05;
const DOUBLE = 0x07;
const FLOAT = 0x08;
const LIST = 0x09;
const MAP = 0x0a;
const SET = 0x0b;
const UUID = 0x0c;
const TRAVERSER = 0x21;
const BOOLEAN = 0x27;
const UNSPECIFIED_NULL = 0xfe;
const VERSION = 0x81;

class FrameReader {
  private at = 0;

  constructor(private readonly buffer: Buffer) {}

  response(): unknown {
    if (this.byte() !== VERSION) throw new Error('unsupported GraphBinary version');
    const requestId = this.flag() ? this.uuid() : null;
    const code = this.int();
    const message = this.flag() ? this.string() : null;
    const attributes = this.map();
    const meta = this.map();
    return { requestId, status: { code, message, attributes }, result: { meta, data: this.any() } };
  }

  /** A fully qualified value: type code, value flag, value. */
  private any(): unknown {
    const code = this.buffer[this.at];
    switch (code) {
      case INT:
      case LONG:
      case STRING:
      case DATE:
      case TIMESTAMP:
      case DOUBLE:
      case FLOAT:
      case LIST:
      case MAP:
      case SET:
      case UUID:
      case TRAVERSER:
      case BOOLEAN:
        this.at += 1;
        return this.flag() ? this.value(code) : null;
      case UNSPECIFIED_NULL:
        this.at += 1;
        if (this.byte() !== 1) throw new Error('unexpected value flag of an unspecified null');
        return null;
      default:
        return this.driverValue(code);
    }
  }

  private value(code: number): unknown {
    switch (code) {
      case INT:
        return this.int();
      case LONG:
        return this.long();
      case STRING:
        return this.string();
      case DATE:
      case TIMESTAMP:
        return new Date(Number(this.bigLong()));
      case DOUBLE:
        return this.advance(8, this.buffer.readDoubleBE(this.at));
      case FLOAT:
        return this.advance(4, this.buffer.readFloatBE(this.at));
      case LIST:
      case SET:
        return this.list();
      case MAP:
        return this.map();
      case UUID:
        return this.uuid();
      case TRAVERSER: {
        const bulk = this.long();
        return new gremlin.process.Traverser(this.any(), bulk);
      }
      case BOOLEAN: {
        const b = this.byte();
        if (b > 1) throw new Error('unexpected boolean value');
        return b === 1;
      }
    }
    throw new Error(`unexpected type code ${code}`);
  }

  /** True when a value follows (flag 0), false for null (flag 1). */
  private flag(): boolean {
    const flag = this.byte();
    if (flag > 1) throw new Error('unexpected value flag');
    return flag === 0;
  }

  private byte(): number {
    return this.advance(1, this.buffer.readUInt8(this.at));
  }

  private int(): number {
    return this.advance(4, this.buffer.readInt32BE(this.at));
  }

  private bigLong(): bigint {
    return this.advance(8, this.buffer.readBigInt64BE(this.at));
  }

  /** As the driver reads a long: a number, rounded where it is past 2^53. */
  private long(): number {
    const v = this.bigLong();
    return v < Number.MIN_SAFE_INTEGER || v > Number.MAX_SAFE_INTEGER ? parseFloat(v.toString()) : Number(v);
  }

  private string(): string {
    const length = this.length();
    const end = this.at + length;
    if (end > this.buffer.length) throw new Error('string runs past the frame');
    const s = this.buffer.toString('utf8', this.at, end);
    this.at = end;
    return s;
  }

  private uuid(): string {
    const end = this.at + 16;
    if (end > this.buffer.length) throw new Error('uuid runs past the frame');
    const hex = this.buffer.toString('hex', this.at, end);
    this.at = end;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private list(): unknown[] {
    const length = this.length();
    const items = new Array<unknown>(length);
    for (let i = 0; i < length; i++) items[i] = this.any();
    return items;
  }

  private map(): Map<unknown, unknown> {
    const length = this.length();
    const map = new Map<unknown, unknown>();
    for (let i = 0; i < length; i++) {
      const key = this.any();
      map.set(key, this.any());
    }
    return map;
  }

  private length(): number {
    const length = this.int();
    if (length < 0) throw new Error('negative length');
    return length;
  }

  private driverValue(code: number): unknown {
    const serializer = ioc.serializers[code];
    if (!serializer) throw new Error(`unknown type code ${code}`);
    const { v, len } = serializer.deserialize(this.buffer.subarray(this.at));
    this.at += len;
    return v;
  }

  private advance<T>(bytes: number, value: T): T {
    this.at += bytes;
    return value;
  }
}

export const graphBinaryReader: ResponseReader = {
  readResponse: (data) => new FrameReader(data).response(),
};
