import type { Env } from '../neptune/config';
import { DEFAULT_LIMITS, type QueryLimits } from './limits';

/**
 * The query limits as settings: each readable from an environment variable or the same option on
 * `nereid serve` (the command line wins), as the connection settings are. `renderLimitSettingsTable()` prints
 * the README's table of them, and a test fails when the two differ.
 */

export interface LimitSetting {
  readonly option: keyof QueryLimits;
  readonly env: string;
  readonly flag: string;
  readonly min: number;
  readonly max: number;
  readonly description: string;
}

/** Raw values as the CLI or a caller passes them; anything left undefined falls back to the environment, then the default. */
export type LimitOptions = { [K in keyof QueryLimits]?: string | number };

/** A bad limit value; `setting` is the variable or flag it came from. */
export class LimitSettingError extends Error {
  override readonly name = 'LimitSettingError';
  constructor(readonly setting: string, message: string) {
    super(message);
  }
}

/** `maxDepth` is `NEREID_MAX_DEPTH` and `--max-depth`, so a name never has to be looked up. */
function setting(option: keyof QueryLimits, min: number, max: number, description: string): LimitSetting {
  const words = option.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
  return { option, env: `NEREID_${words}`, flag: '--' + words.toLowerCase().replace(/_/g, '-'), min, max, description };
}

// The ranges keep out values that cannot be meant: a limit of zero depth or tokens refuses every query, and
// the upper bounds are far past what a 1 MB request body can hold or the graph could answer in one response.
export const LIMIT_SETTINGS: readonly LimitSetting[] = [
  setting('maxDepth', 1, 1000, 'Deepest nesting of selections in a query, fragments included.'),
  setting('maxAliases', 0, 10000, 'Aliases per document.'),
  setting('maxDirectives', 0, 10000, 'Directives per document.'),
  setting('maxTokens', 10, 1000000, 'Tokens per document; a longer one fails to parse.'),
  setting('maxNodes', 1, 100000000, 'Elements a query can return, nested pages multiplied.'),
  setting('maxBatch', 1, 100000, 'Inputs of one `batchCreateVertices` or `batchCreateEdges`; more than 500 are written in one transaction.'),
];

/**
 * Reads and checks every limit: the option wins over its environment variable, which wins over
 * `DEFAULT_LIMITS`. Throws `LimitSettingError` naming the variable or flag of the first bad value.
 */
export function loadQueryLimits(env: Env, overrides: LimitOptions = {}): QueryLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const s of LIMIT_SETTINGS) {
    const fromOption = overrides[s.option];
    const fromEnv = env[s.env];
    const raw =
      fromOption !== undefined && fromOption !== '' ? { value: fromOption, source: s.flag }
      : fromEnv !== undefined && fromEnv.trim() !== '' ? { value: fromEnv, source: s.env }
      : undefined;
    if (raw) limits[s.option] = wholeNumber(s, raw.value, raw.source);
  }
  return limits;
}

function wholeNumber(s: LimitSetting, value: string | number, source: string): number {
  // Number() would also take '0x10', '1e3' and '0b1'; only plain digits are a whole number here.
  const n = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < s.min || n > s.max) {
    throw new LimitSettingError(source, `${source}: expected a whole number from ${s.min} to ${s.max} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** The Markdown table of the limit settings, as the README embeds it. */
export function renderLimitSettingsTable(): string {
  const rows = LIMIT_SETTINGS.map(
    (s) => `| \`${s.env}\` | \`${s.flag}\` | \`${DEFAULT_LIMITS[s.option]}\` | ${s.description} A whole number from ${s.min} to ${s.max}. |`,
  );
  return ['| Variable | CLI flag | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
