import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { openWithRedis } from '../config/redis-at-start';
import { EventsGateway } from './events.gateway';
import { RedisFanout, SOCKET_FANOUT } from './redis-fanout';

export interface GatewayOptions {
  /** Redis channel prefix of the fan-out; tests give each run its own on a shared Redis. */
  fanoutChannel?: string;
}

/**
 * Socket.IO transport of domain events; SocketAuthenticator comes from the global AuthModule.
 * With `redis_url` events fan out to the clients of every instance. Redis is then part of the
 * deployment, so an unreachable one stops the start, like a bad setting.
 */
@Module({})
export class GatewayModule implements OnApplicationShutdown {
  constructor(@Inject(SOCKET_FANOUT) private readonly fanout: RedisFanout | null) {}

  static forRoot(options: GatewayOptions = {}): DynamicModule {
    return {
      module: GatewayModule,
      providers: [
        {
          provide: SOCKET_FANOUT,
          inject: [ConfigService],
          useFactory: (config: ConfigService) =>
            openWithRedis(config, (url) => RedisFanout.connect(url, options.fanoutChannel)),
        },
        EventsGateway,
      ],
    };
  }

  /** After the socket server closed (its adapter unsubscribed), so nothing uses the connections. */
  async onApplicationShutdown(): Promise<void> {
    await this.fanout?.close();
  }
}
