import type { Command } from 'commander';
import { CONNECTION_SETTINGS, type ConnectionOptions } from '../neptune/settings';

/** Options shared by the commands that talk to a Gremlin endpoint, so every one takes the same flags. */

/** Adds one `--flag <value>` per connection setting (each also readable from its environment variable). */
export function addConnectionOptions(command: Command): Command {
  for (const setting of CONNECTION_SETTINGS) {
    command.option(`${setting.flag} <value>`, `${setting.description} (env ${setting.env})`);
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

/** For repeatable options: commander calls it with each value and the list so far. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The property commander stores a `--kebab-case` flag under. */
function attributeOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
