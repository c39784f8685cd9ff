import { DomainError } from './domain-error';

/** A request body refused before validation (its shape, or no JSON body where one is needed). */
export class BodyRefused extends DomainError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
  }
}

/** Thrown when a path built from site data would leave the library; never expected after sanitizing. */
export class PathOutsideLibrary extends DomainError {
  constructor(path: string) {
    super('BAD_REQUEST', `Refusing to write outside the anime directory: ${path}`);
  }
}
