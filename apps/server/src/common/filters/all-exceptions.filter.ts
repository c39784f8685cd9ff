import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorCode, ErrorResponse } from '@aniworld/contracts';
import { DomainError, ERROR_STATUS, hasErrorCode } from '../errors';

const STATUS_CODE: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

interface Mapped {
  body: ErrorResponse;
  headers?: Record<string, string>;
}

/** Maps anything thrown to the one error shape. Stack traces are logged, never sent. */
export function toErrorResponse(exception: unknown): Mapped {
  if (exception instanceof DomainError) {
    return {
      body: withDetails(
        { statusCode: exception.status, code: exception.code, message: exception.message },
        exception.details,
      ),
      headers: exception.headers,
    };
  }
  if (hasErrorCode(exception)) {
    // Typed errors of the framework-free libraries (providers, downloader).
    return {
      body: withDetails(
        {
          statusCode: ERROR_STATUS[exception.code],
          code: exception.code,
          message: exception.message,
        },
        exception.details,
      ),
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const raw =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw)
      ? raw.join('; ')
      : typeof raw === 'string'
        ? raw
        : exception.message;
    return {
      body: {
        statusCode,
        code: STATUS_CODE[statusCode] ?? (statusCode >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
        message,
      },
    };
  }
  // body-parser errors (malformed JSON, body too large) carry `status` and `type`.
  const bodyError = exception as { status?: number; type?: string; message?: string };
  if (typeof bodyError?.status === 'number' && typeof bodyError.type === 'string') {
    if (bodyError.type === 'entity.too.large') {
      return {
        body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
      };
    }
    if (bodyError.status >= 400 && bodyError.status < 500) {
      return {
        body: {
          statusCode: bodyError.status,
          code: 'BAD_REQUEST',
          message: `Malformed request body: ${bodyError.message ?? bodyError.type}`,
        },
      };
    }
  }
  return {
    body: {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
    },
  };
}

function withDetails(body: ErrorResponse, details: unknown): ErrorResponse {
  return details === undefined ? body : { ...body, details };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const { body, headers } = toErrorResponse(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        { msg: 'request failed', code: body.code, error: describe(exception) },
        (exception as Error)?.stack,
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    res.status(body.statusCode).json(body);
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
