import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * `scheme://host[:port]` as the client addressed this server (behind a trusted reverse proxy,
 * as the proxy says): links handed back to the client point where it already reaches us.
 */
export function requestBaseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** {@link requestBaseUrl} of the current request, as a handler parameter. */
export const RequestBaseUrl = createParamDecorator((_: unknown, ctx: ExecutionContext): string =>
  requestBaseUrl(ctx.switchToHttp().getRequest<Request>()),
);
