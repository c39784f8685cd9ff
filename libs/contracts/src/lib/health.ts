export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';
export type CheckStatus = 'ok' | 'warning' | 'error';

export interface HealthCheckResult {
  status: CheckStatus;
  message: string;
  /** A critical check that fails makes the instance not ready. */
  critical: boolean;
  details?: Record<string, unknown>;
}

export interface HealthResponse {
  status: HealthStatus;
  timestamp: string;
  version: string;
  anime_directory_configured: boolean;
  /** Next scheduled library rescan, ISO 8601 UTC (null while the scheduler is off). */
  scheduler_next_run: string | null;
  /** When the last library rescan by the scheduler (or "run now") finished, ISO 8601 UTC. */
  scheduler_last_run: string | null;
  checks: Record<string, HealthCheckResult>;
}

export interface ReadinessResponse {
  ready: boolean;
  critical_failures?: string[];
}

export interface DiskUsage {
  path: string;
  free_bytes: number | null;
  total_bytes: number | null;
}

export interface DetailedHealthResponse extends HealthResponse {
  uptime_seconds: number;
  database: {
    status: CheckStatus;
    dialect: 'sqlite' | 'postgres';
    latency_ms: number | null;
    error?: string;
  };
  disk: { data: DiskUsage; anime: DiskUsage | null };
  memory: { rss_bytes: number; heap_used_bytes: number; heap_total_bytes: number };
}
