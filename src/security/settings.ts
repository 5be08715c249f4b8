import type { Env } from '../neptune/config';

/**
 * The security settings: authentication, the rules file, trusted documents and the production defaults. Each is
 * an environment variable and the same option on `nereid serve` (the command line wins), like the connection
 * and limit settings. `renderSecuritySettingsTable()` prints the README's table of them, and a test fails when
 * the two differ.
 */

type Kind = 'text' | 'boolean' | 'seconds' | 'size';

export interface SecuritySetting {
  readonly option: keyof SecurityOptions;
  readonly env: string;
  readonly flag: string;
  readonly kind: Kind;
  /** As the README shows it; empty when there is none. */
  readonly default: string;
  readonly description: string;
}

/** Raw values as the CLI or a caller passes them; anything left undefined falls back to the environment. */
export interface SecurityOptions {
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  clockSkewSeconds?: string | number;
  required?: string | boolean;
  rules?: string;
  trustedDocuments?: string;
  embedded?: string | boolean;
  introspection?: string | boolean;
  landing?: string | boolean;
  bodyLimit?: string;
}

export interface SecurityConfig {
  jwtSecret?: string;
  jwksUrl?: URL;
  issuer?: string;
  audience?: string;
  clockSkewSeconds: number;
  required: boolean;
  /** Path of the rules file (JSON or YAML). */
  rules?: string;
  /** Path of the trusted-documents manifest. */
  trustedDocuments?: string;
  /** Serve the embedded graph even in production, where a missing endpoint is otherwise a mistake. */
  embedded: boolean;
  /** Undefined: on outside production, off in production. */
  introspection?: boolean;
  landing?: boolean;
  bodyLimit: string;
}

/** A bad security setting; `setting` is the variable or flag it came from. */
export class SecuritySettingError extends Error {
  override readonly name = 'SecuritySettingError';
  constructor(readonly setting: string, message: string) {
    super(message);
  }
}

function setting(option: keyof SecurityOptions, env: string, flag: string, kind: Kind, dflt: string, description: string): SecuritySetting {
  return { option, env, flag, kind, default: dflt, description };
}

export const SECURITY_SETTINGS: readonly SecuritySetting[] = [
  setting('jwtSecret', 'NEREID_AUTH_JWT_SECRET', '--auth-jwt-secret', 'text', '',
    'Shared secret verifying HS256 tokens (`Authorization: Bearer <jwt>`); at least 32 characters.'),
  setting('jwksUrl', 'NEREID_AUTH_JWKS_URL', '--auth-jwks-url', 'text', '',
    'JWKS URL verifying RS/ES/PS/EdDSA tokens, e.g. Cognito\'s `https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json`; keys are cached and fetched again for an unknown `kid`.'),
  setting('issuer', 'NEREID_AUTH_ISSUER', '--auth-issuer', 'text', '', 'Required `iss` of every token.'),
  setting('audience', 'NEREID_AUTH_AUDIENCE', '--auth-audience', 'text', '', 'Required `aud` of every token (one of its values when it is a list).'),
  setting('clockSkewSeconds', 'NEREID_AUTH_CLOCK_SKEW_SECONDS', '--auth-clock-skew-seconds', 'seconds', '`30`',
    'Tolerance on `exp` and `nbf`, in seconds, for clocks that disagree. A whole number from 0 to 600.'),
  setting('required', 'NEREID_AUTH_REQUIRED', '--auth-required', 'boolean', '`false`',
    '`true`: a request without a valid token is refused with HTTP 401; `false`: it runs as the `anonymous` role.'),
  setting('rules', 'NEREID_AUTH_RULES', '--auth-rules', 'text', '',
    'Authorization rules file (JSON or YAML; see Security). Without one every caller may read and write everything.'),
  setting('trustedDocuments', 'NEREID_TRUSTED_DOCUMENTS', '--trusted-documents', 'text', '',
    'Manifest of the only operations served (GraphQL Code Generator\'s `persisted-documents.json` or an Apollo persisted query manifest); any other is refused.'),
  setting('embedded', 'NEREID_EMBEDDED', '--embedded', 'boolean', '`false`',
    'Serve the embedded graph in production; without it, production with no endpoint refuses to start.'),
  setting('introspection', 'NEREID_INTROSPECTION', '--introspection', 'boolean', 'on outside production', 'Answer introspection queries (`__schema`, `__type`).'),
  setting('landing', 'NEREID_LANDING', '--landing', 'boolean', 'on outside production', '`false`: no page for browsers on `GET /graphql` and no `/explorer` (as `NEREID_PLAYGROUND=off`); `true`: the explorer, in production too. `NEREID_PLAYGROUND` chooses which page.'),
  setting('bodyLimit', 'NEREID_BODY_LIMIT', '--body-limit', 'size', '`1mb`',
    'Largest request body, e.g. `100kb` or `2mb`; a larger one gets HTTP 413.'),
];

/** Reads and checks every security setting; throws `SecuritySettingError` naming the variable or flag of the first bad value. */
export function loadSecurityConfig(env: Env, overrides: SecurityOptions = {}): SecurityConfig {
  const raw = (s: SecuritySetting): { value: string; source: string } | undefined => {
    const fromOption = overrides[s.option];
    if (fromOption !== undefined && fromOption !== '') return { value: String(fromOption), source: s.flag };
    const fromEnv = env[s.env];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return { value: fromEnv.trim(), source: s.env };
    return undefined;
  };
  const text = (option: keyof SecurityOptions) => raw(byOption(option))?.value;
  const bool = (option: keyof SecurityOptions) => {
    const r = raw(byOption(option));
    if (!r) return undefined;
    if (/^(true|1|yes|on)$/i.test(r.value)) return true;
    if (/^(false|0|no|off)$/i.test(r.value)) return false;
    throw new SecuritySettingError(r.source, `${r.source}: expected true or false (got ${JSON.stringify(r.value)})`);
  };
  const config: SecurityConfig = {
    jwtSecret: text('jwtSecret'),
    issuer: text('issuer'),
    audience: text('audience'),
    clockSkewSeconds: 30,
    required: bool('required') ?? false,
    rules: text('rules'),
    trustedDocuments: text('trustedDocuments'),
    embedded: bool('embedded') ?? false,
    introspection: bool('introspection'),
    landing: bool('landing'),
    bodyLimit: '1mb',
  };
  const secret = raw(byOption('jwtSecret'));
  // RFC 7518 3.2: an HS256 key must be at least as long as the hash; a short one is guessable offline.
  if (secret && Buffer.byteLength(secret.value) < 32) throw new SecuritySettingError(secret.source, `${secret.source}: an HS256 secret needs at least 32 characters (got ${Buffer.byteLength(secret.value)})`);
  const jwks = raw(byOption('jwksUrl'));
  if (jwks) {
    let url: URL | undefined;
    try {
      url = new URL(jwks.value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new SecuritySettingError(jwks.source, `${jwks.source}: expected an http(s) URL (got ${JSON.stringify(jwks.value)})`);
    config.jwksUrl = url;
  }
  const skew = raw(byOption('clockSkewSeconds'));
  if (skew) {
    const n = /^\d+$/.test(skew.value) ? Number(skew.value) : NaN;
    if (!(n >= 0 && n <= 600)) throw new SecuritySettingError(skew.source, `${skew.source}: expected a whole number from 0 to 600 (got ${JSON.stringify(skew.value)})`);
    config.clockSkewSeconds = n;
  }
  const body = raw(byOption('bodyLimit'));
  if (body) {
    if (!/^\d+(b|kb|mb)?$/i.test(body.value)) throw new SecuritySettingError(body.source, `${body.source}: expected a size such as 100kb or 2mb (got ${JSON.stringify(body.value)})`);
    config.bodyLimit = body.value.toLowerCase();
  }
  if (config.required && !config.jwtSecret && !config.jwksUrl) {
    const required = raw(byOption('required'))!;
    throw new SecuritySettingError(required.source, `${required.source}: tokens cannot be checked without NEREID_AUTH_JWT_SECRET or NEREID_AUTH_JWKS_URL`);
  }
  return config;
}

function byOption(option: keyof SecurityOptions): SecuritySetting {
  return SECURITY_SETTINGS.find((s) => s.option === option)!;
}

/** The Markdown table of the security settings, as the README embeds it. */
export function renderSecuritySettingsTable(): string {
  const rows = SECURITY_SETTINGS.map((s) => `| \`${s.env}\` | \`${s.flag}\` | ${s.default} | ${s.description} |`);
  return ['| Variable | CLI flag | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
