import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigController } from './config.controller';
import type { LoadedConfig } from './config.loader';
import { ConfigService, LOADED_CONFIG } from './config.service';

/** Global: every module reads settings through {@link ConfigService}. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(loaded: LoadedConfig): DynamicModule {
    return {
      module: ConfigModule,
      controllers: [ConfigController],
      providers: [{ provide: LOADED_CONFIG, useValue: loaded }, ConfigService],
      exports: [ConfigService],
    };
  }
}
