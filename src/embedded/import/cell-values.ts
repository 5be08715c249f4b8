import type { PropertyColumn, ValueType } from './header';

/**
 * Turns one property cell into the values it holds, typed as its column declares. An empty cell holds no
 * value (Neptune stores nothing rather than an empty string); an array cell holds its `;`-separated items,
 * `\;` standing for a literal semicolon. Throws a plain Error whose message names what is wrong.
 */
export function cellValues(column: PropertyColumn, cell: string): unknown[] {
  if (cell === '') return [];
  if (!column.array) return [convert(column.type, cell)];
  const values: unknown[] = [];
  for (const item of splitArray(cell)) if (item !== '') values.push(convert(column.type, item));
  return values;
}

/** Splits on unescaped `;`; also used for `~label`, whose multiple labels are `;`-separated. */
export function splitArray(cell: string): string[] {
  if (!cell.includes(';')) return [cell];
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '\\' && cell[i + 1] === ';') {
      current += ';';
      i++;
    } else if (ch === ';') {
      items.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  items.push(current);
  return items;
}

const INTEGER_RANGE: Partial<Record<ValueType, readonly [bigint, bigint]>> = {
  Byte: [-(2n ** 7n), 2n ** 7n - 1n],
  Short: [-(2n ** 15n), 2n ** 15n - 1n],
  Int: [-(2n ** 31n), 2n ** 31n - 1n],
  Long: [-(2n ** 63n), 2n ** 63n - 1n],
};

const INTEGER = /^[+-]?\d+$/;
// Java's Float/Double parsing as Neptune documents it: decimal and scientific notation, Infinity and NaN.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function convert(type: ValueType, text: string): unknown {
  switch (type) {
    case 'String':
      return text;
    case 'Bool': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw new Error(`"${text}" is not a Bool (true or false)`);
    }
    case 'Byte':
    case 'Short':
    case 'Int':
    case 'Long':
      return integer(type, text.trim());
    case 'Float':
    case 'Double':
      return decimal(type, text.trim());
    case 'Date':
      return date(text.trim());
  }
}

function integer(type: ValueType, text: string): number | bigint {
  if (!INTEGER.test(text)) throw new Error(`"${text}" is not ${article(type)} ${type}`);
  const [min, max] = INTEGER_RANGE[type]!;
  // Most cells are small; only go through bigint when the digits could exceed a double's exact range.
  if (text.length < 16) {
    const n = Number(text);
    if (n < Number(min) || n > Number(max)) throw new Error(`${text} is out of range for ${type}`);
    // Integers have no -0 (JS keeps it, and the wire would then type it a Double).
    return n === 0 ? 0 : n;
  }
  const big = BigInt(text);
  if (big < min || big > max) throw new Error(`${text} is out of range for ${type}`);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function decimal(type: ValueType, text: string): number {
  const unsigned = text.replace(/^[+-]/, '');
  if (unsigned === 'Infinity' || unsigned === 'NaN') return Number(text);
  if (!DECIMAL.test(text)) throw new Error(`"${text}" is not ${article(type)} ${type}`);
  const n = Number(text);
  if (type !== 'Float') return n;
  // Out of range is what rounds to infinity: Java prints Float.MAX_VALUE as 3.4028235E38, above its exact value.
  const float = Math.fround(n);
  if (!Number.isFinite(float) && Number.isFinite(n)) throw new Error(`${text} is out of range for Float`);
  return float;
}

// The ISO-8601 forms Neptune's loader documents (yyyy-MM-dd, yyyy-MM-ddTHH:mm, yyyy-MM-ddTHH:mm:ss,
// yyyy-MM-ddTHH:mm:ssZ), plus fractional seconds and numeric offsets, which the same Java parser reads.
// Without a zone the time is UTC, as Neptune stores dates as epoch time.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function date(text: string): Date {
  const m = ISO_DATE.exec(text);
  if (!m) throw new Error(`"${text}" is not a Date (ISO-8601, e.g. 2024-05-31 or 2024-05-31T12:00:00Z)`);
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0));
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`"${text}" is not a valid calendar date and time`);
  }
  const result = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  // Date.UTC maps years 0-99 to 1900-1999; restore the year written.
  if (year < 100) result.setUTCFullYear(year);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    result.setTime(result.getTime() - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
  }
  return result;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const article = (type: ValueType) => (/^[AEIOU]/.test(type) ? 'an' : 'a');
