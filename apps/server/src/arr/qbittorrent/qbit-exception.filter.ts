import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { QbitError } from './qbit-errors';

/**
 * Answers every error of the qBittorrent surface the way qBittorrent does: a status and a
 * plain-text body, never the API's JSON error shape.
 */
@Catch()
export class QbitExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(QbitExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let body = 'Internal Server Error';
    if (exception instanceof QbitError) {
      status = exception.status;
      body = exception.body;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      body = exception.message;
    } else if (isBodyError(exception)) {
      status = exception.status;
      body = exception.message;
    } else {
      this.logger.error({ msg: 'qBittorrent surface failed', error: String(exception) });
    }
    if (res.headersSent) return;
    res.status(status).type('text/plain; charset=UTF-8').send(body);
  }
}

function isBodyError(e: unknown): e is { status: number; message: string } {
  const x = e as { status?: unknown; message?: unknown; type?: unknown };
  return (
    typeof x?.status === 'number' &&
    x.status >= 400 &&
    x.status < 500 &&
    typeof x.message === 'string' &&
    typeof x.type === 'string'
  );
}
