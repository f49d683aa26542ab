/**
 * Errors from the upstream database, sorted into the few cases a user can act on.
 * The message says what is wrong and what to check; `kind` lets the UI show state.
 */
import type { PgSettings } from './settings';
import { clientQueryTimeoutMs, describeSettings } from './settings';

export type SourceErrorKind =
  | 'unreachable' // no server answers at host:port (refused, DNS, timeout)
  | 'connection_lost' // the server went away mid-query
  | 'auth_failed' // wrong user or password, or pg_hba refuses
  | 'database_missing'
  | 'no_kline_tables' // connected, but nothing looks like a kline table
  | 'table_missing' // the instrument asked for has no table
  | 'ssl' // SSL asked for and not offered, or the reverse
  | 'timeout' // statement_timeout hit
  | 'cancelled' // the caller's AbortSignal fired
  | 'bad_data' // a row the cache cannot accept (NULL, NaN, high < low...)
  | 'other';

export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
  errno?: number;
}

/** Turns whatever pg or the socket threw into a SourceError that names the problem. */
export function classifyPgError(e: unknown, s: PgSettings, connecting: boolean): SourceError {
  if (e instanceof SourceError) return e;
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as PgLikeError;
  const code = err.code ?? '';
  const msg = err.message ?? String(e);
  const where = describeSettings(s);
  switch (code) {
    case '28P01':
    case '28000':
      return new SourceError('auth_failed', `authentication failed for user "${s.user}" at ${s.host}:${s.port}: check the user and password (PGUSER/PGPASSWORD or --user/--password). Server said: ${msg}`, e);
    case '3D000':
      return new SourceError('database_missing', `database "${s.database}" does not exist on ${s.host}:${s.port}: create it or pass --database (PGDATABASE). Server said: ${msg}`, e);
    case '42P01':
      return new SourceError('table_missing', `table missing on ${where}: ${msg}`, e);
    case '57014':
      return new SourceError('timeout', `query cancelled by the server after statement_timeout (${s.statementTimeoutMs} ms) on ${where}; raise --statement-timeout or fetch a smaller range`, e);
    case '57P01':
    case '57P02':
    case '57P03':
      return new SourceError('connection_lost', `the server at ${s.host}:${s.port} shut down or is starting up (${msg}); try again when it is back`, e);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new SourceError('unreachable', `cannot reach PostgreSQL at ${s.host}:${s.port} (${code}): is the server running and the host/port right (--host/--port, PGHOST/PGPORT)?`, e);
    case 'ECONNRESET':
    case 'EPIPE':
      return connecting
        ? new SourceError('unreachable', `the connection to ${s.host}:${s.port} was reset during the handshake (${code}): is it a PostgreSQL server?`, e)
        : new SourceError('connection_lost', `lost the connection to ${s.host}:${s.port} (${code}); sync again to resume`, e);
  }
  // pg asks for the password only once the server wants one (SCRAM/MD5), and then fails
  // on its own type check instead of saying that none was given.
  if (/client password must be a string|password authentication failed|no password/i.test(msg) && !s.password) {
    return new SourceError('auth_failed', `the server at ${s.host}:${s.port} wants a password for user "${s.user}" and none was given: set PGPASSWORD, pass --password, or add timescale.password to sources.json`, e);
  }
  if (/does not support SSL/i.test(msg) || /SSL/i.test(msg) && connecting) {
    return new SourceError('ssl', `SSL problem with ${s.host}:${s.port}: ${msg} (toggle --ssl / PGSSLMODE)`, e);
  }
  if (/Query read timeout/i.test(msg)) {
    return new SourceError('connection_lost', `no answer from ${s.host}:${s.port} for ${clientQueryTimeoutMs(s) ?? 0} ms (statement timeout + 5 s): the server is frozen or the connection was dropped; sync again to resume`, e);
  }
  if (/timeout expired|Connection terminated due to connection timeout/i.test(msg)) {
    return new SourceError('unreachable', `no answer from ${s.host}:${s.port} within ${s.connectTimeoutMs} ms: is the server running and reachable?`, e);
  }
  if (/Connection terminated|Client has encountered a connection error|not queryable/i.test(msg)) {
    return new SourceError(connecting ? 'unreachable' : 'connection_lost', connecting ? `the server at ${s.host}:${s.port} closed the connection during the handshake: ${msg}` : `lost the connection to ${s.host}:${s.port} (${msg}); sync again to resume`, e);
  }
  return new SourceError('other', `${where}: ${msg}`, e);
}
