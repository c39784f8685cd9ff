/** Minimal logger port; the server passes its Nest logger adapter, tests a silent one. */
export interface DownloadLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
}

export const silentLogger: DownloadLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
};

export interface ProgressEvent {
  bytesDone: number;
  /** Exact for MP4 with a known length; an estimate for HLS (see `totalIsEstimate`). */
  bytesTotal: number | null;
  totalIsEstimate: boolean;
  /** 0..100, null while the total is unknown. */
  percent: number | null;
  /** Smoothed (EWMA) bytes per second. */
  speed: number;
  etaSeconds: number | null;
  /** HLS only. */
  segmentsDone?: number;
  segmentsTotal?: number;
}

export interface DownloadOptions {
  /** Parallel requests (ranged parts or segments in flight). Default 8. */
  connections?: number;
  /** Upper bound of open connections per origin. Default: `connections`. */
  maxConnectionsPerHost?: number;
  /**
   * HLS: segment requests in flight per connection (HTTP/1.1 pipelining), so each request's latency
   * overlaps the previous response's body. Default 2; 1 disables it. MP4 parts never pipeline.
   */
  pipelining?: number;
  /** HLS: decoded segment bytes held in memory before they spill to temp files next to the .part. Default 48 MiB. */
  memoryBudget?: number;
  /** Bytes per second across all connections of this download; unlimited when absent. */
  bandwidthLimit?: number;
  /** HLS master playlists: the variant whose height is closest; default the highest bandwidth. */
  preferredHeight?: number;
  signal?: AbortSignal;
  /** Called at most 4 times per second, and once at the end. */
  onProgress?: (event: ProgressEvent) => void;
  /** Run ffprobe on the result (video stream, duration). Default true; skipped if no ffprobe. */
  verify?: boolean;
  /** Expected duration in seconds for verification (HLS derives it from the playlist). */
  expectedDurationSec?: number;
  logger?: DownloadLogger;
  /** Attempts per request (segment, part, playlist). Default 6. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt up to 10 s. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** A request that delivers no byte for this long is aborted and retried. Default 20 s. */
  stallTimeoutMs?: number;
  /**
   * The download as a whole must average at least `bytesPerSecond` over each `windowMs` while
   * requests are in flight, or it fails with `TooSlow` (code STALLED, not retried). Default 1 KiB/s
   * over 60 s; null disables it. With a bandwidth limit the minimum is capped at half of it.
   */
  minThroughput?: { bytesPerSecond: number; windowMs: number } | null;
  /** Keep the `.part` and state file after a non-resumable failure too. Default false. */
  keepPartialOnFailure?: boolean;
  /** Override the ffmpeg/ffprobe binaries (null = behave as if none is installed). */
  ffmpegPath?: string | null;
  ffprobePath?: string | null;
}

export interface DownloadResult {
  path: string;
  kind: 'mp4' | 'hls';
  bytes: number;
  durationMs: number;
  /** Container of the written file; may differ from the requested one (no ffmpeg). */
  container: 'mp4' | 'mkv' | 'ts' | string;
  remuxed: boolean;
  /** True when a previous partial download was continued. */
  resumed: boolean;
  /** Bytes that were already on disk when this call started. */
  resumedBytes: number;
  /** HLS: the chosen variant and segment count. */
  variant?: { bandwidth?: number; height?: number; url: string };
  segments?: number;
  verification: { status: 'passed' | 'skipped'; durationSec?: number; reason?: string };
  warnings: string[];
}
