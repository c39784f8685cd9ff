import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { ConfigService } from '../config/config.service';
import { HIT_COUNTER } from './auth.tokens';
import { AccountDelayed, AccountLocked } from './errors/auth.errors';
import type { HitCounter } from './rate-limit/rate-limit.store';

/** The longest an attempt on the account waits after failures from anywhere. */
export const MAX_ACCOUNT_DELAY_MS = 60_000;
/** An address that logged in successfully is known for this long. */
const KNOWN_ADDRESS_MS = 30 * 24 * 3_600_000;

/**
 * Failed logins are counted twice:
 * - per IP: after `lockout_threshold` failures within `lockout_window_minutes` that IP is refused
 *   for `lockout_cooldown_minutes`, even with the right password;
 * - per account (there is one: the master password), so rotating addresses does not dodge the
 *   count: from the `lockout_threshold`-th failure within the window on, the next attempt must
 *   wait 1 s, then 2 s, 4 s … up to {@link MAX_ACCOUNT_DELAY_MS}. An early attempt is refused with
 *   429 before the password is checked.
 * The account delay is a delay, never a lockout, and it does not apply to addresses that logged
 * in successfully within 30 days: someone else's guessing cannot lock the owner out.
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
    const ms = await this.counter.blockedFor(ipKey(ip));
    if (ms > 0) throw new AccountLocked(Math.ceil(ms / 1000));
    if ((await this.counter.blockedFor(knownKey(ip))) > 0) return;
    const delayed = await this.counter.blockedFor(ACCOUNT_DELAY);
    if (delayed > 0) throw new AccountDelayed(Math.ceil(delayed / 1000));
  }

  async recordFailure(ip: string): Promise<void> {
    const { lockout_threshold, lockout_window_minutes, lockout_cooldown_minutes } =
      this.config.config.security;
    const window = lockout_window_minutes * 60_000;
    const { hits } = await this.counter.hit(ipKey(ip), window);
    const account = (await this.counter.hit(ACCOUNT, window)).hits;
    this.logger.warn({
      msg: 'failed login',
      ip,
      at: new Date(this.clock.now()).toISOString(),
      failures_in_window: hits,
      account_failures_in_window: account,
    });
    if (hits >= lockout_threshold) {
      await this.counter.block(ipKey(ip), lockout_cooldown_minutes * 60_000);
      this.logger.warn({ msg: 'login locked', ip, cooldown_minutes: lockout_cooldown_minutes });
    }
    if (account >= lockout_threshold) {
      const delay = accountDelayMs(account - lockout_threshold);
      await this.counter.block(ACCOUNT_DELAY, delay);
      this.logger.warn({ msg: 'login delayed', ip, delay_ms: delay });
    }
  }

  async recordSuccess(ip: string): Promise<void> {
    await this.counter.reset(ipKey(ip));
    await this.counter.block(knownKey(ip), KNOWN_ADDRESS_MS);
  }
}

/** 1 s after the threshold-th failure, doubling with each further one, capped. */
export function accountDelayMs(failuresBeyondThreshold: number): number {
  return Math.min(MAX_ACCOUNT_DELAY_MS, 1000 * 2 ** Math.min(failuresBeyondThreshold, 16));
}

const ipKey = (ip: string) => `lockout:${ip}`;
const knownKey = (ip: string) => `login:known:${ip}`;
const ACCOUNT = 'lockout:account';
const ACCOUNT_DELAY = 'lockout:account:delay';
