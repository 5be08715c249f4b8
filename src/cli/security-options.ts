import type { Command } from 'commander';
import { SECURITY_SETTINGS, type SecurityOptions } from '../security/settings';

/** What each text flag takes, as its help shows it. */
const PLACEHOLDERS: Partial<Record<keyof SecurityOptions, string>> = {
  jwtSecret: '<secret>',
  jwksUrl: '<url>',
  issuer: '<issuer>',
  audience: '<audience>',
  rules: '<file>',
  trustedDocuments: '<file>',
};

/**
 * Adds `--auth-jwt-secret <secret>`, `--embedded` and the other security settings to `nereid serve`, unset by
 * default so that an unset flag falls back to its environment variable. A boolean flag alone means `true`.
 */
export function addSecurityOptions(command: Command): Command {
  for (const s of SECURITY_SETTINGS) {
    const value = s.kind === 'boolean' ? '[true|false]' : PLACEHOLDERS[s.option] ?? `<${s.kind}>`;
    const details = [`env ${s.env}`, ...(s.default ? [`default: ${s.default}`] : [])];
    command.option(`${s.flag} ${value}`, `${s.description} (${details.join(', ')})`.replace(/`/g, ''));
  }
  return command;
}

/** The security settings given on the command line, keyed as `loadSecurityConfig` expects. */
export function securityOptionsFrom(flags: object): SecurityOptions {
  const given: Record<string, unknown> = {};
  for (const s of SECURITY_SETTINGS) {
    const attribute = s.flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = (flags as Record<string, unknown>)[attribute];
    if (value !== undefined) given[s.option] = value;
  }
  return given as SecurityOptions;
}
