import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { DomainError } from '../common/errors';
import { ConfigService } from '../config/config.service';
import { HIT_COUNTER } from './auth.tokens';
import type { HitCounter } from './rate-limit/rate-limit.store';

/**
 * After `lockout_threshold` failed logins from one IP within `lockout_window_minutes`, that IP is
 * refused for `lockout_cooldown_minutes`, even with the right password. Per IP, so an attacker
 * cannot lock the owner out from elsewhere.
 */
@Injectable()
export class LockoutService {
  private readonly logger = new Logger(LockoutService.name);

  constructor(
    @Inject(HIT_COUNTER) private readonly counter: HitCounter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  async assertNotLocked(ip: string): Promise<void> {
    const ms = await this.counter.blockedFor(key(ip));
    if (ms > 0) {
      const seconds = Math.ceil(ms / 1000);
      throw new DomainError(
        'ACCOUNT_LOCKED',
        `Too many failed logins from this address: try again in ${Math.ceil(seconds / 60)} min.`,
        { retry_after_seconds: seconds },
        { 'Retry-After': String(seconds) },
      );
    }
  }

  async recordFailure(ip: string): Promise<void> {
    const { lockout_threshold, lockout_window_minutes, lockout_cooldown_minutes } =
      this.config.config.security;
    const { hits } = await this.counter.hit(key(ip), lockout_window_minutes * 60_000);
    this.logger.warn({
      msg: 'failed login',
      ip,
      at: new Date(this.clock.now()).toISOString(),
      failures_in_window: hits,
    });
    if (hits >= lockout_threshold) {
      await this.counter.block(key(ip), lockout_cooldown_minutes * 60_000);
      this.logger.warn({ msg: 'login locked', ip, cooldown_minutes: lockout_cooldown_minutes });
    }
  }

  async recordSuccess(ip: string): Promise<void> {
    await this.counter.reset(key(ip));
  }
}

const key = (ip: string) => `lockout:${ip}`;
