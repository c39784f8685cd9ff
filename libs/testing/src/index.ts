export * from './lib/confinement';
export * from './lib/server-process';
