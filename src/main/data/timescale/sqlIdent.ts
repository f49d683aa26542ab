/**
 * Identifier quoting for table and column names that come from users or the catalog.
 * Values never go through here: they are bound parameters.
 */
export class IdentifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentifierError';
  }
}

/** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
const MAX_IDENT_BYTES = 63;

/** Double-quotes an identifier (inner quotes doubled) after checking it can be one. */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new IdentifierError('empty identifier');
  if (name.includes('\u0000')) throw new IdentifierError(`identifier ${JSON.stringify(name)} contains a NUL character`);
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENT_BYTES) throw new IdentifierError(`identifier ${JSON.stringify(name)} is longer than ${MAX_IDENT_BYTES} bytes`);
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
