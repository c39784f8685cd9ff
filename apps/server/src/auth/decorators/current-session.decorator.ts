import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { UserSessionEntity } from '../entities/user-session.entity';

export interface AuthenticatedRequest extends Request {
  session?: UserSessionEntity;
}

/** The session the guard attached to the request. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UserSessionEntity | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().session,
);
