import aws4 from 'aws4';
import type { EndpointConfig } from './config';
import type { AwsCredentials } from './credentials';

export const NEPTUNE_SERVICE = 'neptune-db';

/**
 * Signs the WebSocket upgrade request (GET of the endpoint's path, empty body) the way Neptune's own
 * clients do: Host is `host:port`, and the headers to send are Host, X-Amz-Date, Authorization and, for
 * temporary credentials, X-Amz-Security-Token. A signature is only valid for a few minutes, so sign
 * again right before every connect.
 */
export function signUpgradeRequest(
  target: Pick<EndpointConfig, 'host' | 'port' | 'path'>,
  region: string,
  credentials: AwsCredentials,
  now: Date = new Date(),
): Record<string, string> {
  const signed = aws4.sign(
    {
      method: 'GET',
      host: `${target.host}:${target.port}`,
      path: target.path,
      service: NEPTUNE_SERVICE,
      region,
      headers: { 'X-Amz-Date': amzDate(now) },
    },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) headers[name] = String(value);
  return headers;
}

/** ISO 8601 basic format, as in `20240131T235959Z`. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[:-]|\.\d{3}/g, '');
}
