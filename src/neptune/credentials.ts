/** AWS credentials as `@aws-sdk/credential-providers` resolves them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

/** Refresh this long before expiry: a signature must stay valid while the upgrade is in flight, and the SDK uses the same margin. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * Caches credentials until they near expiry, so that signing every (re)connect does not hit the
 * instance metadata service or STS each time; concurrent callers share one fetch.
 */
export class CredentialCache {
  private current?: AwsCredentials;
  private pending?: Promise<AwsCredentials>;

  constructor(
    private readonly provider: CredentialProvider,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<AwsCredentials> {
    if (this.current && !this.nearExpiry(this.current)) return Promise.resolve(this.current);
    if (!this.pending) {
      this.pending = this.provider()
        .then((credentials) => {
          this.current = credentials;
          return credentials;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }

  /** Forget the cached credentials, e.g. after the server refused them; the next `get` fetches anew. */
  invalidate(): void {
    this.current = undefined;
  }

  private nearExpiry(credentials: AwsCredentials): boolean {
    return credentials.expiration !== undefined && credentials.expiration.getTime() - this.now() <= REFRESH_BEFORE_EXPIRY_MS;
  }
}

/** The AWS SDK's default chain (environment, shared files, SSO, web identity, ECS, EC2 metadata), loaded only when IAM auth is on. */
export async function defaultCredentialProvider(): Promise<CredentialProvider> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return fromNodeProviderChain();
}
