import { type DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AnimeModule } from './anime/anime.module';
import { ArrModule } from './arr/arr.module';
import { AuthModule, type AuthOptions } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import type { Clock } from './common/clock';
import { CommonModule } from './common/common.module';
import type { RecentLogs } from './common/logging/recent-logs';
import { ConfigModule } from './config/config.module';
import type { LoadedConfig } from './config/config.loader';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetadataModule } from './metadata/metadata.module';
import { ProvidersModule } from './providers/providers.module';
import { QueueModule } from './queue/queue.module';
import { NotificationsModule } from './notifications/notifications.module';
import { GatewayModule, type GatewayOptions } from './gateway/gateway.module';
import { SchedulerCoreModule } from './scheduler/scheduler-core.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { StrmModule } from './strm/strm.module';

export interface AppModuleOptions extends GatewayOptions, AuthOptions {
  /** Tests pass a fake clock to move past lockouts and session expiry. */
  clock?: Clock;
  /** The logger's newest lines, shown on the System page. */
  recentLogs?: RecentLogs;
}

@Module({})
export class AppModule {
  static forRoot(loaded: LoadedConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventEmitterModule.forRoot({ wildcard: false }),
        CommonModule.forRoot(options.clock, options.recentLogs),
        ConfigModule.forRoot(loaded),
        DatabaseModule,
        SchedulerCoreModule,
        AuthModule.forRoot({ rateLimitPrefix: options.rateLimitPrefix }),
        HealthModule,
        ProvidersModule,
        AnimeModule,
        MetadataModule,
        NotificationsModule,
        QueueModule,
        SchedulerModule,
        StrmModule,
        CalendarModule,
        ArrModule,
        GatewayModule.forRoot({ fanoutChannel: options.fanoutChannel }),
      ],
    };
  }
}
