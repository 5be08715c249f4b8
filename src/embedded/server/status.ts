/**
 * The body of `GET /status`, in the shape a Neptune instance answers (access-graph-status in the Neptune user
 * guide): status, startTime as Java's Date#toString in UTC, dbEngineVersion, role, dfeQueryEngine, the
 * query languages with their versions, labMode, features and settings. Only Gremlin is listed: that is the
 * only language this server speaks. dbEngineVersion names this server rather than pretending to be a release.
 */
export interface StatusInfo {
  readonly startTime: number;
  readonly iam: boolean;
  readonly evaluationTimeoutMs: number;
}

const TINKERPOP_VERSION = '3.7.3';

export function statusBody(info: StatusInfo): Record<string, unknown> {
  return {
    status: 'healthy',
    startTime: javaDateString(info.startTime),
    dbEngineVersion: 'nereid-embedded',
    role: 'writer',
    dfeQueryEngine: 'viaQueryHint',
    gremlin: { version: `tinkerpop-${TINKERPOP_VERSION}` },
    labMode: {},
    features: {
      ResultCache: { status: 'disabled' },
      IAMAuthentication: info.iam ? 'enabled' : 'disabled',
      Streams: 'disabled',
      AuditLog: 'disabled',
    },
    settings: { clusterQueryTimeoutInMs: String(info.evaluationTimeoutMs) },
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue Apr 14 16:34:44 UTC 2020`, as Neptune's status reports its start time. */
function javaDateString(time: number): string {
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${clock} UTC ${d.getUTCFullYear()}`;
}
