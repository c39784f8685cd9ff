import type { LoggerService } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { LOG_LEVELS, type LogLevel } from '@aniworld/contracts';
import { RecentLogs } from './recent-logs';
import { requestContext } from './request-context';

const NEST_LEVEL: Record<string, LogLevel> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'verbose',
  fatal: 'error',
};

export interface LogSink {
  write(line: string): void;
}

/**
 * Structured logs: one JSON object per line on stdout and in `<DATA_DIR>/logs/app.log`
 * (rotated by size). The level can change at run time when the config changes.
 */
export class JsonLogger implements LoggerService {
  private threshold: number;
  private file: RotatingFileStream | null = null;
  /** The newest lines, for the System page (`GET /api/system/logs`). */
  readonly recent = new RecentLogs();

  constructor(
    level: LogLevel = 'info',
    private readonly sinks: LogSink[] = [process.stdout],
  ) {
    this.threshold = LOG_LEVELS.indexOf(level);
  }

  /** Adds the rotated log file; 10 MiB per file, 5 files kept. */
  attachFile(logDir: string): void {
    mkdirSync(logDir, { recursive: true });
    this.file = createStream('app.log', { path: logDir, size: '10M', maxFiles: 5 });
    this.file.on('error', (error: Error) =>
      process.stderr.write(`log file error: ${error.message}\n`),
    );
    this.sinks.push(this.file);
  }

  setLevel(level: LogLevel): void {
    this.threshold = LOG_LEVELS.indexOf(level);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    if (file) {
      this.sinks.splice(this.sinks.indexOf(file), 1);
      await new Promise<void>((resolve) => file.end(resolve));
    }
  }

  private write(nestLevel: string, message: unknown, rest: unknown[]): void {
    const level = NEST_LEVEL[nestLevel] ?? 'info';
    if (LOG_LEVELS.indexOf(level) > this.threshold) return;
    // Nest passes (message, context) or (message, stack, context) for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    if (context) entry['context'] = context;
    const requestId = requestContext.getStore()?.requestId;
    if (requestId) entry['request_id'] = requestId;
    if (message instanceof Error) {
      entry['msg'] = message.message;
      entry['stack'] = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry['msg'] = String(message);
    }
    for (const extra of args) {
      if (typeof extra === 'string') entry['stack'] = extra;
      else if (extra instanceof Error) entry['stack'] = extra.stack;
      else if (typeof extra === 'object' && extra !== null) Object.assign(entry, extra);
    }
    const line = `${JSON.stringify(entry)}\n`;
    for (const sink of this.sinks) sink.write(line);
    this.recent.write(line);
  }
}
