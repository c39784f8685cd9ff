export * from './lib/confinement';
export * from './lib/server-process';
export * from './lib/redis-server';
export * from './lib/wait';
export * from './lib/api-client';
