/** TypeORM stores SQLite datetimes as UTC `YYYY-MM-DD HH:MM:SS.SSS`; raw SQL must match it. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A unique index refused the row (PostgreSQL 23505, SQLite "UNIQUE constraint failed"). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = e.driverError?.code ?? e.code;
  if (code === '23505') return true;
  return typeof e.message === 'string' && /UNIQUE constraint failed/i.test(e.message);
}

/**
 * Numbered parameters for raw SQL on either dialect (`?1` on SQLite, `$1` on PostgreSQL; a
 * placeholder may be used more than once): `add` returns the placeholder of a value, `values` is
 * what the query is given. For statements with hundreds of values, where TypeORM's `:named`
 * parameters cost a regular expression per name over the whole text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly postgres: boolean) {}

  add(value: unknown): string {
    this.values.push(value);
    return `${this.postgres ? '$' : '?'}${this.values.length}`;
  }

  /** Placeholders of `values`, comma-separated (for `IN (…)`). */
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}
