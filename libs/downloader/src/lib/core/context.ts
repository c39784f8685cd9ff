import type { HttpClient } from '../http/client';
import type { ProgressTracker } from './progress';
import type { RetryPolicy } from './retry';
import type { DownloadLogger } from './types';

/** Everything one download's stages share; created per download() call, never global. */
export interface EngineContext {
  http: HttpClient;
  logger: DownloadLogger;
  signal?: AbortSignal;
  progress: ProgressTracker;
  retry: RetryPolicy;
  connections: number;
  /** HLS: requests in flight per keep-alive connection (HTTP/1.1 pipelining); 1 = none. */
  pipelining: number;
  /** HLS: bytes of finished-but-unwritten segment data kept in memory before spilling to temp files. */
  hlsMemoryBudget: number;
  /** Stops every request of this download (the first failure wins; the rest are noise). */
  abortAll(): void;
  /** Interval of state-file saves. */
  stateIntervalMs: number;
}

export interface StageResult {
  bytes: number;
  resumedBytes: number;
}

export function retryOptions(ctx: EngineContext): {
  policy: RetryPolicy;
  signal?: AbortSignal;
  logger: DownloadLogger;
} {
  return { policy: ctx.retry, signal: ctx.signal, logger: ctx.logger };
}
