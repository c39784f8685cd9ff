import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';

/**
 * An AbortSignal that fires when the API client goes away before its answer was sent (closed
 * tab, cancelled fetch, proxy timeout), so upstream work done on its behalf (site pages, hoster
 * resolution) stops and gives its politeness slot back instead of finishing for nobody.
 */
export const ClientSignal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AbortSignal => {
    const res = ctx.switchToHttp().getResponse<Response>();
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    return controller.signal;
  },
);
