import type { Command } from 'commander';
import { defaultText, descriptionOf, type SettingOptions, type Settings } from '../settings';

/** Options shared by the commands: settings as flags, and the usage checks of flags that are no settings. */

/**
 * Adds one `--flag <value>` per setting (each also readable from its environment variable). The default is shown
 * but not set here, so that an unset flag falls back to the environment.
 */
export function addSettingOptions(command: Command, settings: Settings): Command {
  for (const s of Object.values(settings)) {
    const dflt = defaultText(s);
    command.option(`${s.flag} ${s.placeholder}`, helpOf(descriptionOf(s), [`env ${s.env}`, ...(dflt ? [`default: ${dflt}`] : [])]));
  }
  return command;
}

/** The settings given on the command line, keyed as their declarations are (and `readSettings` expects). */
export function settingOptionsFrom<S extends Settings>(flags: object, settings: S): SettingOptions<S> {
  const given: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(settings)) {
    const value = (flags as Record<string, unknown>)[attributeOf(s.flag)];
    if (value !== undefined) given[key] = value;
  }
  return given as SettingOptions<S>;
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

/** The property commander stores a `--kebab-case` flag under. */
function attributeOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
