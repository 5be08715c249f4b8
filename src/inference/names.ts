/**
 * GraphQL names from graph labels and property keys, deterministically:
 *
 * - A label or key is cut into words at every character that is not an ASCII letter or digit (`air-route`,
 *   `screen_name`, `~weird`); a non-ASCII letter or digit becomes a word of its own, `U` and its code point in
 *   hex (`人` → `U4EBA`), so distinct labels in other scripts keep distinct names.
 * - Type names are PascalCase (`air-route` → `AirRoute`, `TagClass` stays); field names camelCase, with a
 *   leading acronym lowered as a whole (`URLPath` → `urlPath`, `screen_name` → `screenName`).
 * - A label or key without lower-case letters is capitals by convention, not an acronym: its words are read in
 *   lower case (`HAS_CREATOR` → `HasCreator`/`hasCreator`, `FOLLOWS` → `Follows`/`follows`, `IATA` → `iata`).
 * - A name that would start with a digit gets a leading `_`; one with no words at all becomes the fallback
 *   (`Label` for types, `property` for fields).
 * - Collisions (two labels with one name, a name GraphQL or nereid already uses or will generate, a property
 *   and an edge field of the same name) are settled by a NameRegistry in a fixed order: the first claimant
 *   keeps the name, the next get `2`, `3`, ... appended.
 */

function wordsOf(text: string): string[] {
  const capitals = !/[a-z]/.test(text);
  const words: string[] = [];
  let current = '';
  const end = () => {
    if (current) words.push(capitals ? current.toLowerCase() : current);
    current = '';
  };
  for (const ch of text) {
    if (/^[A-Za-z0-9]$/.test(ch)) {
      current += ch;
      continue;
    }
    end();
    if (/^[\p{L}\p{N}]$/u.test(ch)) words.push(`U${ch.codePointAt(0)!.toString(16).toUpperCase()}`);
  }
  end();
  return words;
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `IATA` → `iata`, `URLPath` → `urlPath`, `Name` → `name`, `hasCreator` stays. */
function lowerLeading(word: string): string {
  const run = /^[A-Z]+/.exec(word)?.[0] ?? '';
  const rest = word.slice(run.length);
  if (run.length > 1 && /^[a-z]/.test(rest)) return run.slice(0, -1).toLowerCase() + run.slice(-1) + rest;
  return run.toLowerCase() + rest;
}

/** The name, or `fallback` when it has no words; a leading digit gets a `_`. */
export function validName(name: string, fallback: string): string {
  if (name === '') return fallback;
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export function pascalCase(text: string): string {
  return wordsOf(text).map(capitalized).join('');
}

export function camelCase(text: string): string {
  const [first = '', ...rest] = wordsOf(text);
  return lowerLeading(first) + rest.map(capitalized).join('');
}

export function typeNameFor(label: string): string {
  return validName(pascalCase(label), 'Label');
}

export function fieldNameFor(key: string): string {
  return validName(camelCase(key), 'property');
}

/**
 * Hands out unique names. A name can come with companions that must be free too (the names the typed layer
 * generates from it, see claims.ts); they are claimed together or the next number is tried. Keys are
 * namespaced by the caller (`Person` for a type, `Person.knows` for a field, `Query.people` for a root field).
 */
export class NameRegistry {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.taken = new Set(reserved);
  }

  /** The first of `base`, `base2`, `base3`, ... whose keys are all free; claims them. */
  claim(base: string, keysOf: (name: string) => string[] = (name) => [name]): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}${n}`;
      const keys = keysOf(name);
      if (new Set(keys).size === keys.length && keys.every((key) => !this.taken.has(key))) {
        for (const key of keys) this.taken.add(key);
        return name;
      }
    }
  }
}
