import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
}

/** Carries the correlation id of the current request into every log line written while serving it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();
