import { Global, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ConfigService } from '../config/config.service';
import { openDatabase } from './data-source.factory';
import { DATA_SOURCE, DatabaseService, READ_DATA_SOURCE } from './database.service';
import { openReadConnection } from './read-connection';
import { SystemSettingsRepository } from './system-settings.repository';

@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => openDatabase(config.database),
    },
    {
      provide: READ_DATA_SOURCE,
      inject: [DATA_SOURCE],
      useFactory: (main: DataSource) => openReadConnection(main),
    },
    DatabaseService,
    SystemSettingsRepository,
  ],
  exports: [DATA_SOURCE, READ_DATA_SOURCE, DatabaseService, SystemSettingsRepository],
})
export class DatabaseModule {}
