import {
  type DynamicModule,
  type ExecutionContext,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { ConfigService } from '../config/config.service';
import { openWithRedis } from '../config/redis-at-start';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { HIT_COUNTER } from './auth.tokens';
import { AuthGuard } from './guards/auth.guard';
import { LockoutService } from './lockout.service';
import { HitCounterThrottlerStorage } from './rate-limit/hit-counter-throttler.storage';
import { isAuthRateLimited, RateLimitGuard } from './rate-limit/rate-limit.guard';
import { type HitCounter, MemoryHitCounter } from './rate-limit/rate-limit.store';
import { clientIp, RequestBudgets } from './rate-limit/request-budget';
import { RedisHitCounter } from './rate-limit/redis-hit-counter';
import { SessionHousekeeper } from './session-housekeeper';
import { SessionRepository } from './session.repository';
import { SessionTokenService } from './session-token.service';
import { SocketAuthenticator } from './socket-auth';

const MINUTE = 60_000;

export interface AuthOptions {
  /** Key prefix of the Redis rate-limit counters; tests give each run its own on a shared Redis. */
  rateLimitPrefix?: string;
}

const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/**
 * The key that signs and checks session tokens, as a `KeyObject` made once per secret. Handed the
 * secret as a string, jsonwebtoken would first try to read it as a PEM public key on every call:
 * a thrown and caught exception that cost about half a millisecond of CPU per authenticated
 * request (docs/SCALE.md, "Sessions").
 */
function tokenKey(config: ConfigService): () => KeyObject {
  let cached: { secret: string; key: KeyObject } | null = null;
  return () => {
    const secret = config.jwtSecret;
    if (cached?.secret !== secret)
      cached = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
    return cached.key;
  };
}

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ secretOrKeyProvider: tokenKey(config) }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, HIT_COUNTER, RequestBudgets],
      useFactory: (config: ConfigService, counter: HitCounter, budgets: RequestBudgets) => ({
        storage: new HitCounterThrottlerStorage(counter),
        // The general limit counts per session or per IP across every route (RequestBudgets);
        // login and setup each have their own, per IP.
        generateKey: (context: ExecutionContext, tracker: string, throttler: string) =>
          throttler === 'auth'
            ? `auth:${context.getHandler().name}:${tracker}`
            : `${throttler}:${tracker}`,
        // Limits are read per request, so a changed setting applies without a restart.
        throttlers: [
          {
            name: 'default',
            ttl: MINUTE,
            limit: async (context) => (await budgets.of(context)).limit,
            getTracker: async (_req, context) => (await budgets.of(context)).tracker,
            skipIf: (context) => isAuthRateLimited(context),
          },
          {
            name: 'auth',
            ttl: MINUTE,
            limit: () => config.config.security.auth_rate_limit_per_minute,
            getTracker: (req) => clientIp(req),
            skipIf: (context) => !isAuthRateLimited(context),
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    {
      provide: HIT_COUNTER,
      inject: [ConfigService, CLOCK, AUTH_OPTIONS],
      // With redis_url the counters are shared by every instance, and Redis must answer at start;
      // during a later outage each instance counts in memory (see RedisHitCounter).
      useFactory: async (
        config: ConfigService,
        clock: Clock,
        options: AuthOptions,
      ): Promise<HitCounter> =>
        (await openWithRedis(config, (url) =>
          RedisHitCounter.connect(url, { clock, prefix: options.rateLimitPrefix }),
        )) ?? new MemoryHitCounter(clock),
    },
    SessionRepository,
    SessionHousekeeper,
    SessionTokenService,
    LockoutService,
    AuthService,
    SocketAuthenticator,
    RequestBudgets,
    // Order matters: the rate limit applies before authentication, so guessing tokens is limited
    // too (a token that does not verify counts against its IP).
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionTokenService, SocketAuthenticator, HIT_COUNTER, RequestBudgets],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(HIT_COUNTER) private readonly counter: HitCounter) {}

  static forRoot(options: AuthOptions = {}): DynamicModule {
    return { module: AuthModule, providers: [{ provide: AUTH_OPTIONS, useValue: options }] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.counter.close();
  }
}
