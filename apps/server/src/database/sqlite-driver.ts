import * as sqlite3 from 'sqlite3';

/**
 * The `sqlite3` module as TypeORM's SQLite driver (`driver` option), minus its debug mode.
 *
 * Why: TypeORM calls `sqlite3.verbose()` when it loads the module, and that wraps every
 * `Database` method for the whole process (every connection, ours or not): each statement then
 * captures a stack trace and `util.inspect`s its SQL and every parameter, only to decorate the
 * message of an error should one occur. A scan that writes a few thousand statements with a few
 * hundred parameters each spent about a second of CPU on it (docs/SCALE.md). Errors still carry
 * the SQL: TypeORM's `QueryFailedError` names the query and its parameters.
 *
 * Every SQLite data source of the server takes this driver, so nothing calls the real
 * `verbose()`.
 */
export const SQLITE_DRIVER = { ...sqlite3, verbose: (): object => SQLITE_DRIVER };
