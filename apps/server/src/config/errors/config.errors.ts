import { DomainError } from '../../common/errors';

export class BackupNotFound extends DomainError {
  constructor(name: string) {
    super('BACKUP_NOT_FOUND', `Backup '${name}' does not exist`, { name });
  }
}

export class BackupNotJson extends DomainError {
  constructor(name: string) {
    super('CONFIG_INVALID', `Backup '${name}' is not valid JSON`, { name });
  }
}

/** The environment sets this secret: a value written to the file would never be used. */
export class SecretFromEnv extends DomainError {
  constructor(secret: string) {
    super('SECRET_FROM_ENV', `${secret} is set by an environment variable; change it there`, {
      secret,
    });
  }
}
