import type { Command } from 'commander';
import { DEFAULT_LIMITS } from '../gateway/limits';
import { LIMIT_SETTINGS, type LimitOptions } from '../gateway/limit-settings';
import { CONNECTION_SETTINGS, type ConnectionOptions } from '../neptune/settings';

/** Options shared by the commands that talk to a Gremlin endpoint, so every one takes the same flags. */

/** What each connection flag takes, as its help shows it. */
const PLACEHOLDERS: Readonly<Record<keyof ConnectionOptions, string>> = {
  neptuneEndpoint: '<host>',
  neptuneReaderEndpoint: '<host>',
  neptunePort: '<port>',
  iamAuth: '<true|false>',
  region: '<region>',
  gremlinEndpoint: '<url>',
  gremlinReaderEndpoint: '<url>',
  serializer: '<format>',
  timeoutMs: '<ms>',
  poolSize: '<n>',
  maxRetries: '<n>',
  retryBaseMs: '<ms>',
  retryMaxDelayMs: '<ms>',
  tlsCaFile: '<file>',
  tlsRejectUnauthorized: '<true|false>',
};

/**
 * Adds one `--flag <value>` per connection setting (each also readable from its environment variable). The
 * default is shown but not set here, so that an unset flag falls back to the environment.
 */
export function addConnectionOptions(command: Command): Command {
  for (const setting of CONNECTION_SETTINGS) {
    const dflt = setting.default ? [`default: ${setting.default}`] : [];
    command.option(`${setting.flag} ${PLACEHOLDERS[setting.option]}`, helpOf(setting.description, [`env ${setting.env}`, ...dflt]));
  }
  return command;
}

/** The connection settings given on the command line, keyed as `loadConnectionConfig` expects. */
export function connectionOptionsFrom(flags: object): ConnectionOptions {
  return givenOptions(flags, CONNECTION_SETTINGS) as ConnectionOptions;
}

/** Adds `--max-depth <n>` and the other query limits, unset by default for the same reason. */
export function addLimitOptions(command: Command): Command {
  for (const setting of LIMIT_SETTINGS) {
    const details = [`env ${setting.env}`, `default: ${DEFAULT_LIMITS[setting.option]}`, `${setting.min} to ${setting.max}`];
    command.option(`${setting.flag} <n>`, helpOf(setting.description, details));
  }
  return command;
}

/** The query limits given on the command line, keyed as `loadQueryLimits` expects. */
export function limitOptionsFrom(flags: object): LimitOptions {
  return givenOptions(flags, LIMIT_SETTINGS) as LimitOptions;
}

/** A numeric flag's value, or the command's usage error naming the flag and the range. */
export function wholeNumber(command: Command, flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) command.error(`error: ${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** For repeatable options: commander calls it with each value and the list so far (none before the first). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The descriptions are the README's Markdown; a terminal shows them without the backticks. */
function helpOf(description: string, details: string[]): string {
  return `${description} (${details.join(', ')})`.replace(/`/g, '');
}

function givenOptions(flags: object, settings: readonly { flag: string; option: string }[]): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const setting of settings) {
    const value = (flags as Record<string, unknown>)[attributeOf(setting.flag)];
    if (value !== undefined) given[setting.option] = value;
  }
  return given;
}

/** The property commander stores a `--kebab-case` flag under. */
function attributeOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
