export * from './lib/errors';
export * from './lib/health';
export * from './lib/config';
export * from './lib/languages';
export * from './lib/stream';
export * from './lib/queue';
export * from './lib/auth';
