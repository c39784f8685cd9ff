import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ArtworkUrls } from './artwork-urls';
import { CLOCK, type Clock, systemClock } from './clock';
import { DomainEvents } from './events';

/** Cross-cutting providers every module may inject. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: CLOCK, useValue: clock }, DomainEvents, ArtworkUrls],
      exports: [CLOCK, DomainEvents, ArtworkUrls],
    };
  }
}
