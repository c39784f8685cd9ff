import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';

export const DATA_SOURCE = Symbol('DATA_SOURCE');
/**
 * The connection for short reads that must not wait behind other work: on SQLite a second,
 * read-only one; on PostgreSQL the pool itself (see read-connection.ts).
 */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

/** Owns the connections' lifetime and answers the health check's round trip. */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseService.name);

  constructor(
    @Inject(DATA_SOURCE) readonly dataSource: DataSource,
    @Inject(READ_DATA_SOURCE) private readonly reader: DataSource,
  ) {}

  get dialect(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * Milliseconds for a small read of a table, on the read connection: it answers while a long
   * query or transaction holds the main one.
   */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.reader.query('SELECT 1 FROM "migrations" LIMIT 1');
    return performance.now() - started;
  }

  async onApplicationShutdown(): Promise<void> {
    // The reader first: a checkpoint that truncates the WAL waits for no reader then.
    if (this.reader !== this.dataSource && this.reader.isInitialized) await this.reader.destroy();
    if (!this.dataSource.isInitialized) return;
    if (this.dialect === 'sqlite') {
      // Fold the WAL back into the main file so a copied aniworld.db is complete.
      await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
    }
    await this.dataSource.destroy();
    this.logger.log('database closed');
  }
}
