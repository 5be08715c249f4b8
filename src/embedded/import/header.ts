/**
 * The header row of a Neptune Gremlin bulk-load CSV file: system columns (`~id`, `~label`, `~from`, `~to`) and
 * typed property columns `name:Type[](cardinality)`. Whether a file holds vertices or edges is decided here,
 * from the presence of `~from`/`~to`, as Neptune decides it.
 */

export type ValueType = 'String' | 'Bool' | 'Byte' | 'Short' | 'Int' | 'Long' | 'Float' | 'Double' | 'Date';

export interface PropertyColumn {
  /** 0-based position in the row. */
  readonly index: number;
  /** The header cell as written, for error messages. */
  readonly header: string;
  readonly key: string;
  readonly type: ValueType;
  /** `Type[]`: the cell holds `;`-separated values. */
  readonly array: boolean;
  readonly cardinality: 'single' | 'set';
}

export interface FileHeader {
  readonly kind: 'vertex' | 'edge';
  readonly width: number;
  readonly id: number;
  /** Absent: Neptune supplies `vertex` / `edge`. */
  readonly label: number | undefined;
  readonly from: number;
  readonly to: number;
  readonly properties: readonly PropertyColumn[];
}

/** A header problem, with the 1-based column it concerns when there is one. */
export class HeaderError extends Error {
  constructor(
    message: string,
    readonly column?: { readonly index: number; readonly header: string },
  ) {
    super(message);
  }
}

// Type names are case-insensitive in Neptune; Boolean is accepted as a synonym of Bool.
const TYPES = new Map<string, ValueType>([
  ['string', 'String'],
  ['bool', 'Bool'],
  ['boolean', 'Bool'],
  ['byte', 'Byte'],
  ['short', 'Short'],
  ['int', 'Int'],
  ['long', 'Long'],
  ['float', 'Float'],
  ['double', 'Double'],
  ['date', 'Date'],
]);

const SYSTEM = ['~id', '~label', '~from', '~to'] as const;
type SystemColumn = (typeof SYSTEM)[number];

const TYPE_SPEC = /^([A-Za-z]+)(\[\])?(?:\((single|set)\))?$/i;

export function parseHeader(cells: readonly string[]): FileHeader {
  const system = new Map<SystemColumn, number>();
  const properties: PropertyColumn[] = [];
  const keys = new Set<string>();
  cells.forEach((raw, index) => {
    const header = raw.trim();
    const where = { index: index + 1, header };
    if (header.startsWith('~')) {
      if (!(SYSTEM as readonly string[]).includes(header)) throw new HeaderError(`unknown system column ${header}`, where);
      if (system.has(header as SystemColumn)) throw new HeaderError(`system column ${header} appears twice`, where);
      system.set(header as SystemColumn, index);
      return;
    }
    const column = parsePropertyColumn(header, index);
    if (keys.has(column.key)) throw new HeaderError(`property ${column.key} has two columns`, where);
    keys.add(column.key);
    properties.push(column);
  });

  const id = system.get('~id');
  if (id === undefined) throw new HeaderError('the header has no ~id column');
  const from = system.get('~from');
  const to = system.get('~to');
  if ((from === undefined) !== (to === undefined)) {
    throw new HeaderError('an edge file needs both ~from and ~to; a vertex file neither');
  }
  const kind = from === undefined ? 'vertex' : 'edge';
  if (kind === 'edge') {
    for (const p of properties) {
      const where = { index: p.index + 1, header: p.header };
      // Neptune: edge properties hold one value; an array type or another cardinality is an error.
      if (p.array) throw new HeaderError('edge properties cannot be arrays', where);
      if (/\(set\)$/i.test(p.header)) throw new HeaderError('edge properties always have single cardinality', where);
    }
  }
  return { kind, width: cells.length, id, label: system.get('~label'), from: from ?? -1, to: to ?? -1, properties };
}

function parsePropertyColumn(header: string, index: number): PropertyColumn {
  const where = { index: index + 1, header };
  if (header === '') throw new HeaderError('empty column header', where);
  const colon = unescapedColon(header);
  const key = (colon < 0 ? header : header.slice(0, colon)).replace(/\\:/g, ':');
  if (key === '') throw new HeaderError('property column without a name', where);
  if (colon < 0) return { index, header, key, type: 'String', array: false, cardinality: 'set' };
  const match = TYPE_SPEC.exec(header.slice(colon + 1));
  const type = match && TYPES.get(match[1].toLowerCase());
  if (!match || !type) throw new HeaderError(`unknown type ${header.slice(colon + 1)}`, where);
  return {
    index,
    header,
    key,
    type,
    array: match[2] !== undefined,
    // Neptune's default for vertex properties is set; edge columns are checked for single above.
    cardinality: (match[3]?.toLowerCase() as 'single' | 'set' | undefined) ?? 'set',
  };
}

/** A colon inside a property name is written `\:`; the first bare colon starts the type. */
function unescapedColon(header: string): number {
  for (let i = 0; i < header.length; i++) {
    if (header[i] === '\\') i++;
    else if (header[i] === ':') return i;
  }
  return -1;
}
