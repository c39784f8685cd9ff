import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ArtworkUrls } from './artwork-urls';
import { CLOCK, type Clock, systemClock } from './clock';
import { DomainEvents } from './events';
import { RECENT_LOGS, RecentLogs } from './logging/recent-logs';

/** Cross-cutting providers every module may inject. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock = systemClock, logs = new RecentLogs()): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: RECENT_LOGS, useValue: logs },
        DomainEvents,
        ArtworkUrls,
      ],
      exports: [CLOCK, RECENT_LOGS, DomainEvents, ArtworkUrls],
    };
  }
}
