import { DomainError } from '../../common/errors';

export class JobNotFound extends DomainError {
  constructor(name: string, jobs: string[]) {
    super('JOB_NOT_FOUND', `No scheduled job '${name}'`, { name, jobs });
  }
}

/** The job runs somewhere in the cluster; a second run waits for its next slot. */
export class JobRunning extends DomainError {
  constructor(name: string) {
    super('JOB_RUNNING', `Job '${name}' is running`, { name });
  }
}
