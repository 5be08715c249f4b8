import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { SecurityConfig } from './settings';

/** Who is asking: the verified claims of their token, or nobody. */
export interface Principal {
  /** The token's `sub`; undefined for an anonymous request. */
  readonly subject?: string;
  /** Verified claims, empty for an anonymous request; owner rules compare element properties with these. */
  readonly claims: Readonly<JWTPayload>;
  readonly authenticated: boolean;
}

export const ANONYMOUS: Principal = { claims: {}, authenticated: false };

/** A token that does not verify; `description` is safe to show (RFC 6750's `error_description`). */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

export type Authenticate = (token: string) => Promise<Principal>;

/**
 * Verifies bearer tokens with jose: HS256 with the shared secret, or the asymmetric algorithms with keys from
 * the JWKS URL. jose's remote key set caches the keys and fetches them again when a token names a `kid` it
 * does not hold (a rotation), at most once per cooldown, so a flood of forged `kid`s cannot hammer the issuer.
 * Undefined when neither is configured: tokens are then not looked at.
 */
export function createAuthenticator(config: SecurityConfig): Authenticate | undefined {
  if (!config.jwtSecret && !config.jwksUrl) return undefined;
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : undefined;
  const jwks = config.jwksUrl ? createRemoteJWKSet(config.jwksUrl) : undefined;
  // The algorithm is taken from the header only to pick the key, never to widen what a key may verify: a JWKS
  // public key can never verify an HS256 token signed with that public key as a "secret".
  const key: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256') {
      if (secret) return secret;
    } else if (jwks) {
      return jwks(header, token);
    }
    throw new InvalidTokenError(`tokens signed with ${String(header.alg)} are not accepted`);
  };
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] : [])];
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms,
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockSkewSeconds,
      });
      return { subject: payload.sub, claims: payload, authenticated: true };
    } catch (err) {
      throw new InvalidTokenError(describe(err));
    }
  };
}

/** What was wrong with a token, in words a client developer can act on, without echoing the token. */
function describe(err: unknown): string {
  if (err instanceof InvalidTokenError) return err.message;
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return 'the token has the wrong issuer';
    if (err.claim === 'aud') return 'the token is for another audience';
    if (err.claim === 'nbf') return 'the token is not valid yet';
    return `the token's "${err.claim}" claim is invalid`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (err instanceof errors.JWKSNoMatchingKey) return 'the token was signed with a key the issuer does not publish';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not accepted';
  if (err instanceof errors.JWKSTimeout || (err instanceof Error && /fetch|JWKS/i.test(err.name))) return 'the signing keys could not be fetched';
  return 'the token is malformed';
}
