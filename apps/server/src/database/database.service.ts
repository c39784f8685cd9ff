import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

/** Owns the connection's lifetime and answers the health check's round trip. */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseService.name);

  constructor(@Inject(DATA_SOURCE) readonly dataSource: DataSource) {}

  get dialect(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Milliseconds for a trivial query. */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.dataSource.query('SELECT 1');
    return performance.now() - started;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    if (this.dialect === 'sqlite') {
      // Fold the WAL back into the main file so a copied aniworld.db is complete.
      await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
    }
    await this.dataSource.destroy();
    this.logger.log('database closed');
  }
}
