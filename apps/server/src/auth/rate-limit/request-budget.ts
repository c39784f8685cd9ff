import { type ExecutionContext, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';
import { ConfigService } from '../../config/config.service';
import { SessionTokenService } from '../session-token.service';

/** Whose budget a request is counted against, and how many requests a minute it has. */
export interface Budget {
  tracker: string;
  limit: number;
}

/** Methods that only read: a page load makes many of them. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The general rate limit's budgets (login and setup have their own, strict per IP):
 * - a request with a valid session counts against that session, not its IP, so everyone behind
 *   one reverse proxy has a budget of their own: reads against the generous
 *   `security.session_read_limit_per_minute`, writes against `security.rate_limit_per_minute`;
 * - any other request (no token, or one that does not verify: guessing tokens) against its IP
 *   with `security.rate_limit_per_minute`.
 * Limits are read per request, so a changed setting applies at once. The session is verified
 * once per request (the auth guard reuses it).
 */
@Injectable()
export class RequestBudgets {
  private readonly budgets = new WeakMap<object, Promise<Budget>>();

  constructor(
    private readonly tokens: SessionTokenService,
    private readonly config: ConfigService,
  ) {}

  /** The budget of the request being handled (HTTP only; anything else counts per IP). */
  of(context: ExecutionContext): Promise<Budget> {
    const req = context.switchToHttp().getRequest<Request>();
    let budget = this.budgets.get(req);
    if (!budget) {
      budget = this.classify(req, context.getType() === 'http');
      this.budgets.set(req, budget);
    }
    return budget;
  }

  private async classify(req: Request, http: boolean): Promise<Budget> {
    const security = this.config.config.security;
    const session = http ? await this.tokens.verifyRequest(req)?.catch(() => null) : null;
    if (!session) return { tracker: `ip:${clientIp(req)}`, limit: security.rate_limit_per_minute };
    return READS.has(req.method)
      ? { tracker: `session:${session.id}:read`, limit: security.session_read_limit_per_minute }
      : { tracker: `session:${session.id}:write`, limit: security.rate_limit_per_minute };
  }
}

/** The client's address as the throttler counts it (IPv6 by /64, as a host usually has one). */
export function clientIp(req: { ip?: string }): string {
  return normalizeIp(req.ip ?? 'unknown');
}
