import { Global, Module } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { openDatabase } from './data-source.factory';
import { DATA_SOURCE, DatabaseService } from './database.service';
import { SystemSettingsRepository } from './system-settings.repository';

@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => openDatabase(config.database),
    },
    DatabaseService,
    SystemSettingsRepository,
  ],
  exports: [DATA_SOURCE, DatabaseService, SystemSettingsRepository],
})
export class DatabaseModule {}
