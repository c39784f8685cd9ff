import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { SqliteDriver } from 'typeorm/driver/sqlite/SqliteDriver';
import { SqliteQueryRunner } from 'typeorm/driver/sqlite/SqliteQueryRunner';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * Makes transactions on SQLite safe against everything else the process does at the same time.
 *
 * Why: TypeORM's `sqlite` driver runs every query of the process on one connection through one
 * shared query runner, and a connection has at most one open transaction. Two transactions at
 * once (a reorder from a request while a worker pass claims, two saves, …) therefore collide:
 * the second BEGIN fails with "cannot start a transaction within a transaction" and its rollback
 * ends the first one, or the second becomes a savepoint inside the first and shares its fate.
 * Worse, any statement of other code that runs while a transaction is open lands inside it: a
 * read sees rows that may never be committed, a write is rolled back with a transaction it has
 * nothing to do with. SQLite's busy handling cannot help, it works between connections only.
 *
 * The fix, for SQLite only (PostgreSQL has a pool and real isolation): whoever opens a
 * transaction owns the connection until it commits or rolls back, and everything else waits.
 * - Every query runner is its own object again (the connection stays shared), so TypeORM's
 *   transaction bookkeeping belongs to the code that opened the transaction: a `save()` elsewhere
 *   starts its own transaction instead of joining a foreign one.
 * - One first-come-first-served lock per data source: a transaction holds it from BEGIN to
 *   COMMIT/ROLLBACK, a statement outside any transaction holds it for that statement only.
 * - Code running inside `dataSource.transaction(work)` keeps the connection: `work` runs in an
 *   async context that names its query runner, and a query runner asked for in that context (a
 *   repository of the data source used instead of the given manager, a nested `transaction`) is
 *   that one, so it runs in the transaction rather than waiting for it forever. Use the manager
 *   `work` is given anyway: on PostgreSQL anything else runs on another connection, outside the
 *   transaction.
 *
 * Not covered: a query runner taken with `createQueryRunner()` and started by hand must be
 * committed or rolled back, or the connection stays taken (as a leaked pooled connection would).
 */
export function gateSqliteConnection(dataSource: DataSource): void {
  if (dataSource.options.type !== 'sqlite') return;
  const driver = dataSource.driver as SqliteDriver;
  const gate = new Mutex();
  gates.set(dataSource, gate);
  const inTransaction = new AsyncLocalStorage<GatedSqliteQueryRunner>();

  driver.createQueryRunner = () => {
    const current = inTransaction.getStore();
    if (current?.ownsConnection) return current;
    return new GatedSqliteQueryRunner(driver, gate);
  };

  type Work = (manager: EntityManager) => Promise<unknown>;
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (
    isolation: IsolationLevel | undefined,
    work: Work,
  ) => Promise<unknown>;
  manager.transaction = ((isolationOrWork: IsolationLevel | Work, maybeWork?: Work) => {
    const work = typeof isolationOrWork === 'function' ? isolationOrWork : maybeWork;
    if (!work) throw new TypeError('transaction() needs a callback');
    const isolation = typeof isolationOrWork === 'string' ? isolationOrWork : undefined;
    return transaction(isolation, (inner) =>
      inTransaction.run(inner.queryRunner as GatedSqliteQueryRunner, () => work(inner)),
    );
  }) as EntityManager['transaction'];
}

/** A query runner on the shared SQLite connection that takes the gate before it uses it. */
class GatedSqliteQueryRunner extends SqliteQueryRunner {
  /** Set while this runner's transaction owns the connection. */
  private unlock: (() => void) | null = null;

  constructor(
    driver: SqliteDriver,
    private readonly gate: Mutex,
  ) {
    super(driver);
  }

  get ownsConnection(): boolean {
    return this.unlock !== null;
  }

  // The signature is TypeORM's.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async query(sql: string, parameters?: any[], structured = false): Promise<any> {
    if (this.unlock) return super.query(sql, parameters, structured);
    const unlock = await this.gate.lock();
    try {
      return await super.query(sql, parameters, structured);
    } finally {
      unlock();
    }
  }

  override async startTransaction(isolationLevel?: IsolationLevel): Promise<void> {
    // Nested in this runner's own transaction: a savepoint, the connection is already ours.
    if (this.unlock) return super.startTransaction(isolationLevel);
    this.unlock = await this.gate.lock();
    try {
      await super.startTransaction(isolationLevel);
    } catch (error) {
      // Without a BEGIN there is nothing to roll back; after one the caller rolls back.
      if (this.transactionDepth === 0) {
        this.isTransactionActive = false;
        this.handOver();
      }
      throw error;
    }
  }

  override async commitTransaction(): Promise<void> {
    await super.commitTransaction();
    // A failed COMMIT keeps the connection: the caller rolls back next.
    if (!this.isTransactionActive) this.handOver();
  }

  override async rollbackTransaction(): Promise<void> {
    const outermost = this.transactionDepth <= 1;
    try {
      await super.rollbackTransaction();
    } finally {
      // Even when ROLLBACK fails (SQLite may have rolled back by itself already), this runner is
      // done with the connection; holding on would stop every other query of the process.
      if (outermost) this.handOver();
    }
  }

  private handOver(): void {
    const unlock = this.unlock;
    this.unlock = null;
    unlock?.();
  }
}

const gates = new WeakMap<DataSource, Mutex>();

/**
 * How many queries and transactions wait for the SQLite connection right now (0 for a data
 * source without a gate). Tests wait for this state — "the other queries are queued behind the
 * open transaction" — instead of giving them a fixed time to misbehave.
 */
export function sqliteGateWaiters(dataSource: DataSource): number {
  return gates.get(dataSource)?.waiting ?? 0;
}

/** First come, first served. */
class Mutex {
  private last: Promise<void> = Promise.resolve();
  /** Callers of {@link lock} not holding the lock yet. */
  waiting = 0;

  /** Resolves, once every earlier holder has unlocked, with the function that unlocks. */
  lock(): Promise<() => void> {
    let unlock!: () => void;
    const unlocked = new Promise<void>((resolve) => (unlock = resolve));
    this.waiting++;
    const locked = this.last.then(() => {
      this.waiting--;
      return unlock;
    });
    this.last = unlocked;
    return locked;
  }
}
