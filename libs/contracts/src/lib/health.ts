export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';
export type CheckStatus = 'ok' | 'warning' | 'error';

export interface HealthCheckResult {
  status: CheckStatus;
  message: string;
  /** A critical check that fails makes the instance not ready. */
  critical: boolean;
  details?: Record<string, unknown>;
}

/** A check as the public `/health` shows it: its state, never paths or messages. */
export interface HealthCheckSummary {
  status: CheckStatus;
  critical: boolean;
}

/** Public: what a load balancer needs, nothing about the host. */
export interface HealthResponse {
  status: HealthStatus;
  timestamp: string;
  version: string;
  anime_directory_configured: boolean;
  /** Next scheduled library rescan, ISO 8601 UTC (null while the scheduler is off). */
  scheduler_next_run: string | null;
  /** When the last library rescan by the scheduler (or "run now") finished, ISO 8601 UTC. */
  scheduler_last_run: string | null;
  checks: Record<string, HealthCheckSummary>;
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

/** Needs a session: every check with its message, and the host's figures. */
export interface DetailedHealthResponse extends Omit<HealthResponse, 'checks'> {
  checks: Record<string, HealthCheckResult>;
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
