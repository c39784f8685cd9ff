import type { LogLevel } from './config';
import type { SiteId } from './providers';

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
  /** Whether each site answers (probed at most once every five minutes), with the last outcomes of real calls. */
  sites: SiteReachability[];
}

export interface SiteReachability {
  id: SiteId;
  name: string;
  base_url: string;
  /** null while not probed yet. */
  reachable: boolean | null;
  /** Why not, in words (HTTP status, challenge page, network error). */
  message: string | null;
  checked_at: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
}

/** One line of the server log as `GET /api/system/logs` shows it (secrets removed). */
export interface LogLine {
  time: string;
  level: LogLevel;
  msg: string;
  context: string | null;
  /** The line's other fields (ids, keys, codes), values redacted where they could hold secrets. */
  fields: Record<string, unknown>;
}

export interface RecentLogsQuery {
  /** At most this many, newest last (default 200, at most the buffer's size). */
  limit?: number;
  /** This level and more severe ones (default: every level the server logs). */
  level?: LogLevel;
}

export interface RecentLogsResponse {
  lines: LogLine[];
  /** Lines the server keeps in memory; older ones are in `<DATA_DIR>/logs/app.log`. */
  capacity: number;
}
