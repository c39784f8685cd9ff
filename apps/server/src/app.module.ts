import { type DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ConfigModule } from './config/config.module';
import type { LoadedConfig } from './config/config.loader';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static forRoot(loaded: LoadedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventEmitterModule.forRoot({ wildcard: false }),
        ConfigModule.forRoot(loaded),
        DatabaseModule,
        HealthModule,
      ],
    };
  }
}
