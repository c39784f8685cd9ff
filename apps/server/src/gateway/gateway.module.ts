import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigError } from '../config/config.loader';
import { ConfigService } from '../config/config.service';
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
          useFactory: (config: ConfigService) => openFanout(config, options.fanoutChannel),
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

async function openFanout(
  config: ConfigService,
  channel: string | undefined,
): Promise<RedisFanout | null> {
  const url = config.config.redis_url;
  if (!url) return null;
  try {
    return await RedisFanout.connect(url, channel);
  } catch (error) {
    const source = config.view().overridden_by_env.includes('redis_url')
      ? 'environment variable REDIS_URL (redis_url)'
      : 'redis_url in config.json';
    throw new ConfigError(
      `${source}: ${(error as Error).message} Fix: start Redis, correct the URL, or unset it to run a single instance.`,
    );
  }
}
