import { DomainError } from '../../common/errors';

/** No valid session behind the request; the client logs in again. */
export class Unauthorized extends DomainError {
  constructor(message: string) {
    super('UNAUTHORIZED', message, undefined, { 'WWW-Authenticate': 'Bearer' });
  }
}

export class AlreadyConfigured extends DomainError {
  constructor() {
    super('ALREADY_CONFIGURED', 'The master password is already set; log in instead.');
  }
}

export class SetupRequired extends DomainError {
  constructor() {
    super(
      'SETUP_REQUIRED',
      'No master password yet: complete the setup first (POST /api/auth/setup).',
    );
  }
}

export class InvalidCredentials extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'Wrong password');
  }
}

/** Too many failed logins from one address: it waits out the cooldown. */
export class AccountLocked extends DomainError {
  constructor(seconds: number) {
    super(
      'ACCOUNT_LOCKED',
      `Too many failed logins from this address: try again in ${Math.ceil(seconds / 60)} min.`,
      { retry_after_seconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }
}

/** Failed logins from anywhere slow the account down (unknown addresses only). */
export class AccountDelayed extends DomainError {
  constructor(seconds: number) {
    super(
      'RATE_LIMITED',
      `Too many failed logins for this account: try again in ${seconds} s.`,
      { retry_after_seconds: seconds, scope: 'account' },
      { 'Retry-After': String(seconds) },
    );
  }
}

export class TooManyRequests extends DomainError {
  constructor(limit: number, seconds: number) {
    super(
      'RATE_LIMITED',
      `Too many requests: at most ${limit} per minute. Retry in ${seconds} s.`,
      { retry_after_seconds: seconds, limit },
      { 'Retry-After': String(seconds) },
    );
  }
}
