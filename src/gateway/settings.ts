import { oneOf, readSettings, setting, wholeNumber, type Env, type Setting, type SettingOptions } from '../settings';
import { PLAYGROUNDS, type Playground } from './explorer';
import { DEFAULT_LIMITS, type QueryLimits } from './limits';
import { DEFAULT_SHUTDOWN, type ShutdownOptions } from './server';

/** The gateway's settings: the query limits, and how it serves and stops (see src/settings.ts). */

/** `maxDepth` is `NEREID_MAX_DEPTH` and `--max-depth`, so a name never has to be looked up. */
function limit(option: keyof QueryLimits, min: number, max: number, description: string): Setting<number> & { default: number } {
  const words = option.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
  const flag = '--' + words.toLowerCase().replace(/_/g, '-');
  return setting({ env: `NEREID_${words}`, flag, placeholder: '<n>', schema: wholeNumber(min, max), default: DEFAULT_LIMITS[option], description });
}

// The ranges keep out values that cannot be meant: a limit of zero depth or tokens refuses every query, and
// the upper bounds are far past what a 1 MB request body can hold or the graph could answer in one response.
export const LIMIT_SETTINGS = {
  maxDepth: limit('maxDepth', 1, 1000, 'Deepest nesting of selections in a query, fragments included.'),
  maxAliases: limit('maxAliases', 0, 10000, 'Aliases per document.'),
  maxDirectives: limit('maxDirectives', 0, 10000, 'Directives per document.'),
  maxTokens: limit('maxTokens', 10, 1000000, 'Tokens per document; a longer one fails to parse.'),
  maxNodes: limit('maxNodes', 1, 100000000, 'Elements a query can return, nested pages multiplied.'),
  maxBatch: limit('maxBatch', 1, 100000, 'Inputs of one `batchCreateVertices` or `batchCreateEdges`; more than 500 are written in one transaction.'),
} satisfies Record<keyof QueryLimits, Setting<number>>;

/** Raw values as the CLI or a caller passes them; anything left undefined falls back to the environment, then the default. */
export type LimitOptions = SettingOptions<typeof LIMIT_SETTINGS>;

/** Reads and checks every limit; throws `SettingError` naming the variable or flag of the first bad value. */
export function loadQueryLimits(env: Env, overrides: LimitOptions = {}): QueryLimits {
  return readSettings(LIMIT_SETTINGS, env, overrides);
}

export const SERVER_SETTINGS = {
  shutdownDelayMs: setting({
    env: 'NEREID_SHUTDOWN_DELAY_MS', flag: '--shutdown-delay-ms', placeholder: '<ms>', schema: wholeNumber(0, 600_000), default: DEFAULT_SHUTDOWN.delayMs,
    description: 'On SIGTERM, keep serving this long with `/ready` answering 503 before closing the listener.',
  }),
  shutdownTimeoutMs: setting({
    env: 'NEREID_SHUTDOWN_TIMEOUT_MS', flag: '--shutdown-timeout-ms', placeholder: '<ms>', schema: wholeNumber(0, 600_000), default: DEFAULT_SHUTDOWN.timeoutMs,
    description: 'Then give in-flight requests this long to finish before their connections are cut.',
  }),
  playground: setting({
    env: 'NEREID_PLAYGROUND', flag: '--playground', placeholder: '<mode>', schema: oneOf(PLAYGROUNDS), defaultText: '`explorer`; `off` in production',
    description: 'What a browser gets at `GET /graphql`: `explorer` (redirects to /explorer, served by nereid), `sandbox` (Apollo Sandbox, loaded from Apollo\'s CDN) or `off` (neither, and no /explorer).',
  }),
};

/** Raw values as the CLI or a caller passes them; anything left undefined falls back to the environment, then the default. */
export type ServerOptions = SettingOptions<typeof SERVER_SETTINGS>;

/** Reads and checks the server settings; without a playground chosen, `explorer` outside production and `off` in it. */
export function loadServerSettings(env: Env, overrides: ServerOptions, production: boolean): { shutdown: ShutdownOptions; playground: Playground } {
  const settings = readSettings(SERVER_SETTINGS, env, overrides);
  return {
    shutdown: { delayMs: settings.shutdownDelayMs, timeoutMs: settings.shutdownTimeoutMs },
    playground: settings.playground ?? (production ? 'off' : 'explorer'),
  };
}
