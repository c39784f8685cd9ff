import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { requestContext } from './request-context';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET_PATHS = /^\/(health|strm\/proxy\/)/;

/**
 * Gives every request a correlation id (the caller's `X-Request-Id` when it is sane, else a new
 * one), echoes it in the response and logs one line per request when it finishes. Only the path
 * is logged, never the query string, which may carry tokens.
 */
export function requestLogging(logger = new Logger('HTTP')) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = {
        msg: 'request',
        request_id: requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        duration_ms: Math.round(durationMs * 10) / 10,
        ip: req.ip,
      };
      if (res.statusCode >= 500) logger.error(fields);
      // Load balancers poll /health every few seconds, players fetch a segment every few seconds
      // through /strm/proxy: those lines only matter when debugging.
      else if (QUIET_PATHS.test(fields.path) && res.statusCode < 400) logger.debug(fields);
      else logger.log(fields);
    });
    requestContext.run({ requestId }, next);
  };
}
