export * from './domain-error';
export * from './message-of';
export * from './common.errors';
