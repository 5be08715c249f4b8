import { z } from 'zod';

/**
 * The one way a setting is declared and read. A setting is an environment variable and the same option on the
 * command line (the option wins; an empty value counts as unset), a zod schema that checks and converts the raw
 * value, a default, and the Markdown the README's settings tables are rendered from: test/docs/settings.test.ts
 * fails when a table and its declarations differ.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface Setting<T = unknown> {
  readonly env: string;
  readonly flag: string;
  /** What the flag takes in `--help`, e.g. `<ms>`; `[true|false]` lets the flag alone mean true. */
  readonly placeholder: string;
  /** Checks and converts the raw value: text from the environment or the command line, or a caller's value. */
  readonly schema: z.ZodType<T>;
  /** Applied when the setting is not given. */
  readonly default?: T;
  /** The default in words, where the code works it out (from NODE_ENV, from another setting). */
  readonly defaultText?: string;
  /** README Markdown; `--help` shows it without the backticks. The schema's description is appended. */
  readonly description: string;
  /** Its value is never repeated in an error message. */
  readonly secret?: boolean;
}

export type Settings = Readonly<Record<string, Setting<unknown>>>;

/** Raw values as the command line or a caller gives them, keyed as the declarations are. */
export type SettingOptions<S extends Settings> = { [K in keyof S]?: string | number | boolean };

/** Each setting's value: its type where it has a default, else possibly undefined. */
export type SettingValues<S extends Settings> = {
  -readonly [K in keyof S]: S[K] extends Setting<infer T> ? (S[K] extends { default: unknown } ? T : T | undefined) : never;
};

/** A bad or missing setting; `setting` is the variable or flag it came from. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
  constructor(readonly setting: string, message: string) {
    super(message);
  }
}

/** Declares a setting; with a default its value is never undefined. */
export function setting<T>(declaration: Setting<T> & { default: T }): Setting<T> & { default: T };
export function setting<T>(declaration: Setting<T>): Setting<T>;
export function setting<T>(declaration: Setting<T>): Setting<T> {
  return declaration;
}

/** The raw value given and where it came from (the flag or the variable), or undefined when not given. */
export function given(s: Setting, env: Env, option: unknown): { value: unknown; source: string } | undefined {
  if (option !== undefined && option !== '') return { value: option, source: s.flag };
  const fromEnv = env[s.env];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { value: fromEnv, source: s.env };
  return undefined;
}

/** Reads and checks every setting of `settings`; throws `SettingError` naming the variable or flag of the first bad value. */
export function readSettings<S extends Settings>(settings: S, env: Env, options: SettingOptions<S> = {}): SettingValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(settings)) {
    const raw = given(s, env, options[key]);
    if (!raw) {
      values[key] = s.default;
      continue;
    }
    const result = s.schema.safeParse(raw.value);
    if (!result.success) {
      const reason = result.error.issues[0]?.message ?? 'invalid value';
      throw new SettingError(raw.source, `${raw.source}: ${reason}${s.secret ? '' : ` (got ${JSON.stringify(raw.value)})`}`);
    }
    values[key] = result.data;
  }
  return values as SettingValues<S>;
}

/** The Markdown table of `settings`, as the README embeds it. */
export function renderSettingsTable(settings: Settings): string {
  const rows = Object.values(settings).map((s) => `| \`${s.env}\` | \`${s.flag}\` | ${defaultText(s)} | ${descriptionOf(s)} |`);
  return ['| Variable | CLI flag | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** The default as the README and `--help` show it; empty when there is none. */
export function defaultText(s: Setting): string {
  return s.defaultText ?? (s.default === undefined ? '' : `\`${String(s.default)}\``);
}

export function descriptionOf(s: Setting): string {
  return s.schema.description ? `${s.description} ${s.schema.description}` : s.description;
}

/** A whole number in [min, max]: plain digits only (Number() would also take `0x10`, `1e3` and `0b1`). */
export function wholeNumber(min: number, max: number) {
  const error = `expected a whole number from ${min} to ${max}`;
  return z
    .preprocess((v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v), z.number({ error }).int({ error }).min(min, { error }).max(max, { error }))
    .describe(`A whole number from ${min} to ${max}.`);
}

/** `true`, `false` and their usual spellings (`1`, `yes`, `on`...); a boolean flag given alone is `true`. */
export const boolean = z.union([z.boolean(), z.stringbool()], { error: 'expected true or false' });

/** Free text (a file name, an issuer), trimmed. */
export const text = z.string().trim().min(1);

/** One of `values`, as written. */
export function oneOf<const V extends readonly [string, ...string[]]>(values: V) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(values, { error: `expected one of ${values.join(', ')}` }));
}
