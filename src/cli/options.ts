import type { Command } from 'commander';
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
 * descriptions are the README's Markdown; a terminal shows them without the backticks. The default is shown
 * but not set here, so that an unset flag falls back to the environment.
 */
export function addConnectionOptions(command: Command): Command {
  for (const setting of CONNECTION_SETTINGS) {
    const plain = (text: string) => text.replace(/`/g, '');
    const dflt = setting.default ? `, default: ${plain(setting.default)}` : '';
    command.option(`${setting.flag} ${PLACEHOLDERS[setting.option]}`, `${plain(setting.description)} (env ${setting.env}${dflt})`);
  }
  return command;
}

/** The connection settings given on the command line, keyed as `loadConnectionConfig` expects. */
export function connectionOptionsFrom(flags: object): ConnectionOptions {
  const connection: Record<string, unknown> = {};
  for (const setting of CONNECTION_SETTINGS) {
    const value = (flags as Record<string, unknown>)[attributeOf(setting.flag)];
    if (value !== undefined) connection[setting.option] = value;
  }
  return connection as ConnectionOptions;
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

/** The property commander stores a `--kebab-case` flag under. */
function attributeOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
