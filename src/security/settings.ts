import { z } from 'zod';
import { boolean, given, readSettings, setting, SettingError, text, wholeNumber, type Env, type SettingOptions, type SettingValues } from '../settings';

/**
 * The security settings: authentication, the rules file, trusted documents and the production defaults (see
 * src/settings.ts for how a setting is read and documented).
 */

// RFC 7518 3.2: an HS256 key must be at least as long as the hash; a short one is guessable offline.
const hs256Secret = z.string().trim().refine((v) => Buffer.byteLength(v) >= 32, {
  error: (issue) => `an HS256 secret needs at least 32 characters (got ${Buffer.byteLength(String(issue.input))})`,
});

const httpUrl = z
  .string()
  .trim()
  .transform((value, ctx): URL => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url;
    ctx.addIssue({ code: 'custom', message: 'expected an http(s) URL' });
    return z.NEVER;
  });

const size = z
  .string()
  .trim()
  .regex(/^\d+(b|kb|mb)?$/i, { error: 'expected a size such as 100kb or 2mb' })
  .transform((v) => v.toLowerCase());

export const SECURITY_SETTINGS = {
  jwtSecret: setting({
    env: 'NEREID_AUTH_JWT_SECRET', flag: '--auth-jwt-secret', placeholder: '<secret>', schema: hs256Secret, secret: true,
    description: 'Shared secret verifying HS256 tokens (`Authorization: Bearer <jwt>`); at least 32 characters.',
  }),
  jwksUrl: setting({
    env: 'NEREID_AUTH_JWKS_URL', flag: '--auth-jwks-url', placeholder: '<url>', schema: httpUrl,
    description: 'JWKS URL verifying RS/ES/PS/EdDSA tokens, e.g. Cognito\'s `https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json`; keys are cached and fetched again for an unknown `kid`.',
  }),
  issuer: setting({
    env: 'NEREID_AUTH_ISSUER', flag: '--auth-issuer', placeholder: '<issuer>', schema: text,
    description: 'Required `iss` of every token.',
  }),
  audience: setting({
    env: 'NEREID_AUTH_AUDIENCE', flag: '--auth-audience', placeholder: '<audience>', schema: text,
    description: 'Required `aud` of every token (one of its values when it is a list).',
  }),
  clockSkewSeconds: setting({
    env: 'NEREID_AUTH_CLOCK_SKEW_SECONDS', flag: '--auth-clock-skew-seconds', placeholder: '<seconds>', schema: wholeNumber(0, 600), default: 30,
    description: 'Tolerance on `exp` and `nbf`, in seconds, for clocks that disagree.',
  }),
  required: setting({
    env: 'NEREID_AUTH_REQUIRED', flag: '--auth-required', placeholder: '[true|false]', schema: boolean, default: false,
    description: '`true`: a request without a valid token is refused with HTTP 401; `false`: it runs as the `anonymous` role.',
  }),
  rules: setting({
    env: 'NEREID_AUTH_RULES', flag: '--auth-rules', placeholder: '<file>', schema: text,
    description: 'Authorization rules file (JSON or YAML; see Security). Without one every caller may read and write everything.',
  }),
  trustedDocuments: setting({
    env: 'NEREID_TRUSTED_DOCUMENTS', flag: '--trusted-documents', placeholder: '<file>', schema: text,
    description: 'Manifest of the only operations served (GraphQL Code Generator\'s `persisted-documents.json` or an Apollo persisted query manifest); any other is refused.',
  }),
  embedded: setting({
    env: 'NEREID_EMBEDDED', flag: '--embedded', placeholder: '[true|false]', schema: boolean, default: false,
    description: 'Serve the embedded graph in production; without it, production with no endpoint refuses to start.',
  }),
  introspection: setting({
    env: 'NEREID_INTROSPECTION', flag: '--introspection', placeholder: '[true|false]', schema: boolean, defaultText: 'on outside production',
    description: 'Answer introspection queries (`__schema`, `__type`).',
  }),
  landing: setting({
    env: 'NEREID_LANDING', flag: '--landing', placeholder: '[true|false]', schema: boolean, defaultText: 'on outside production',
    description: '`false`: no page for browsers on `GET /graphql` and no `/explorer` (as `NEREID_PLAYGROUND=off`); `true`: the explorer, in production too. `NEREID_PLAYGROUND` chooses which page.',
  }),
  bodyLimit: setting({
    env: 'NEREID_BODY_LIMIT', flag: '--body-limit', placeholder: '<size>', schema: size, default: '1mb',
    description: 'Largest request body, e.g. `100kb` or `2mb`; a larger one gets HTTP 413.',
  }),
};

/** Raw values as the CLI or a caller passes them; anything left undefined falls back to the environment. */
export type SecurityOptions = SettingOptions<typeof SECURITY_SETTINGS>;

/** `introspection` and `landing` undefined: on outside production, off in it. */
export type SecurityConfig = SettingValues<typeof SECURITY_SETTINGS>;

/** Reads and checks every security setting; throws `SettingError` naming the variable or flag of the first bad value. */
export function loadSecurityConfig(env: Env, overrides: SecurityOptions = {}): SecurityConfig {
  const config = readSettings(SECURITY_SETTINGS, env, overrides);
  if (config.required && !config.jwtSecret && !config.jwksUrl) {
    const required = given(SECURITY_SETTINGS.required, env, overrides.required)!.source;
    throw new SettingError(required, `${required}: tokens cannot be checked without NEREID_AUTH_JWT_SECRET or NEREID_AUTH_JWKS_URL`);
  }
  return config;
}
