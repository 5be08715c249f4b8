import { syntaxError, type Position } from './syntax-error';

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'arrow' | 'other' | 'eof';

export interface Token extends Position {
  readonly kind: TokenKind;
  /** The source text of the token (for strings: the decoded value). */
  readonly text: string;
  readonly value?: number | bigint;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', '.', ':', ';']);
const INTEGER_SUFFIX = /[bBsSnNiIlL]/;
const FLOAT_SUFFIX = /[fFdDmM]/;
// Sticky patterns match a whole run at once: testing character by character is what made lexing slow.
const ASCII_IDENTIFIER = /[A-Za-z$_][A-Za-z0-9$_]*/y;
const IDENTIFIER = /[\p{L}$_][\p{L}\p{N}$_]*/uy;
const IDENTIFIER_PART = /[\p{L}\p{N}$_]/u;
const BLANKS = /[ \t\r\f]+/y;
const DIGITS = /[0-9_]+/y;
const HEX_DIGITS = /[0-9a-fA-F_]+/y;
const DOUBLE_QUOTED_RUN = /[^"\\\n]+/y;
const SINGLE_QUOTED_RUN = /[^'\\\n]+/y;
const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\' };

/**
 * Splits Gremlin text into tokens. Characters outside the language become `other` tokens rather than errors, so
 * the parser can say what they are part of (a Groovy lambda, typically) instead of failing on a lone `>`.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const push = (kind: TokenKind, tokenText: string, at: Position) => tokens.push({ kind, text: tokenText, line: at.line, column: at.column });
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      newline(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      BLANKS.lastIndex = i;
      BLANKS.test(text);
      i = BLANKS.lastIndex;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = here();
    if (c === '"' || c === "'") {
      push('string', readString(), start);
      continue;
    }
    if (isDigit(c) || ((c === '-' || c === '+') && (isDigit(text[i + 1]) || text.startsWith('Infinity', i + 1)))) {
      tokens.push(readNumber(start));
      continue;
    }
    const identifier = readIdentifier();
    if (identifier) {
      push('ident', identifier, start);
      continue;
    }
    if (c === '-' && text[i + 1] === '>') {
      push('arrow', '->', start);
      i += 2;
      continue;
    }
    push(PUNCTUATION.has(c) ? 'punct' : 'other', c, start);
    i++;
  }
  push('eof', 'end of input', here());
  return tokens;

  function readIdentifier(): string | undefined {
    ASCII_IDENTIFIER.lastIndex = i;
    let match = ASCII_IDENTIFIER.exec(text);
    if (!match || text.charCodeAt(i + match[0].length) >= 128) {
      IDENTIFIER.lastIndex = i;
      match = IDENTIFIER.exec(text);
    }
    if (!match) return undefined;
    i += match[0].length;
    return match[0];
  }

  function readString(): string {
    const quote = text[i];
    const plain = quote === '"' ? DOUBLE_QUOTED_RUN : SINGLE_QUOTED_RUN;
    const start = here();
    let value = '';
    i++;
    for (;;) {
      value += readWhile(plain);
      if (i >= text.length) throw syntaxError('unterminated string literal', start);
      const c = text[i];
      if (c === quote) {
        i++;
        return value;
      }
      if (c === '\n') {
        newline(i);
        value += c;
        i++;
      } else {
        value += readEscape();
      }
    }
  }

  function readEscape(): string {
    const at = here();
    const next = text[i + 1];
    if (next === '\n' || (next === '\r' && text[i + 2] === '\n')) {
      // A backslash before a line break joins the lines.
      i += next === '\n' ? 2 : 3;
      newline(i - 1);
      return '';
    }
    if (next !== undefined && next in SIMPLE_ESCAPES) {
      i += 2;
      return SIMPLE_ESCAPES[next];
    }
    if (next === 'u') {
      let j = i + 1;
      while (text[j] === 'u') j++;
      const hex = text.slice(j, j + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw syntaxError('invalid unicode escape in string literal', at);
      i = j + 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const octal = /^[0-3][0-7]{0,2}|^[4-7][0-7]?/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      i += 1 + octal[0].length;
      return String.fromCharCode(parseInt(octal[0], 8));
    }
    throw syntaxError(`invalid escape sequence '\\${next ?? ''}' in string literal`, at);
  }

  function readNumber(start: Position): Token {
    const from = i;
    let negative = false;
    if (text[i] === '-' || text[i] === '+') {
      negative = text[i] === '-';
      i++;
    }
    if (text.startsWith('Infinity', i)) {
      i += 'Infinity'.length;
      return finish(negative ? -Infinity : Infinity);
    }
    if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
      i += 2;
      const digits = readWhile(HEX_DIGITS);
      if (!/^[0-9a-fA-F](?:[0-9a-fA-F_]*[0-9a-fA-F])?$/.test(digits)) throw invalid();
      if (INTEGER_SUFFIX.test(text[i] ?? '')) i++;
      return finish(integer(digits, 16, negative));
    }
    const whole = readWhile(DIGITS);
    let isFloat = false;
    if (text[i] === '.' && isDigit(text[i + 1])) {
      i++;
      readWhile(DIGITS);
      isFloat = true;
    }
    if ((text[i] === 'e' || text[i] === 'E') && /^[+-]?[0-9]/.test(text.slice(i + 1, i + 3))) {
      i += text[i + 1] === '+' || text[i + 1] === '-' ? 2 : 1;
      readWhile(DIGITS);
      isFloat = true;
    }
    const digits = text.slice(from, i).replace(/^[+-]/, '');
    if (/_$|_\.|\._|_[eE]|[eE][+-]?_/.test(digits)) throw invalid();
    if (FLOAT_SUFFIX.test(text[i] ?? '')) {
      i++;
      isFloat = true;
    } else if (!isFloat && INTEGER_SUFFIX.test(text[i] ?? '')) {
      i++;
    }
    if (isFloat) return finish((negative ? -1 : 1) * Number(digits.replace(/_/g, '')));
    if (whole.length > 1 && whole[0] === '0') {
      // Java's octal form: a leading zero.
      if (!/^0_*[0-7](?:[0-7_]*[0-7])?$/.test(whole)) throw invalid();
      return finish(integer(whole.slice(1), 8, negative));
    }
    return finish(integer(whole, 10, negative));

    function finish(value: number | bigint): Token {
      if (i < text.length && IDENTIFIER_PART.test(text[i])) {
        i++;
        throw invalid();
      }
      return { kind: 'number', text: text.slice(from, i), value, line: start.line, column: start.column };
    }
    function invalid() {
      return syntaxError(`invalid number literal '${text.slice(from, i)}'`, start);
    }
  }

  function readWhile(pattern: RegExp): string {
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    i += match ? match[0].length : 0;
    return match ? match[0] : '';
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Integers are JS numbers; only those beyond 2^53 become bigint, as the driver's serializers expect. */
function integer(digits: string, radix: 8 | 10 | 16, negative: boolean): number | bigint {
  const clean = digits.replace(/_/g, '');
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : '';
  const big = BigInt(prefix + clean) * (negative ? -1n : 1n);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big;
}
