/** Jobs the server registers itself; other modules may add more (e.g. the *arr catalogue refresh). */
export const BUILTIN_JOB_NAMES = ['library_rescan', 'new_episodes', 'housekeeping'] as const;
export type BuiltinJobName = (typeof BUILTIN_JOB_NAMES)[number];

export type JobOutcome = 'succeeded' | 'failed' | 'skipped';

export interface SchedulerSettings {
  /** Off: no job runs by its schedule; "run now" still works. */
  enabled: boolean;
  /** Daily library rescan at this local time, `HH:MM` (24 h). */
  schedule_time: string;
  /** IANA zone of `schedule_time`; null = the server's zone. */
  timezone: string | null;
  /** When set, the library rescan runs every N minutes instead of daily. */
  interval_minutes: number | null;
  /** Period of the new-episodes check of monitored series. */
  new_episodes_interval_minutes: number;
  /** At most this many episodes are queued automatically per run. */
  max_auto_queue: number;
  /** How long a job's cluster-wide lease lasts without renewal (another instance takes over after). */
  lease_seconds: number;
  /** How often each instance looks for due jobs. */
  tick_seconds: number;
}

export interface JobRun {
  started_at: string;
  finished_at: string | null;
  outcome: JobOutcome | null;
  duration_ms: number | null;
  /** What the run did, or why it failed. */
  message: string | null;
}

export interface SchedulerJob {
  name: string;
  description: string;
  /** `daily 03:00 Europe/Berlin` or `every 60 min`. */
  schedule: string;
  /** ISO 8601 UTC; null while the scheduler is disabled. */
  next_run: string | null;
  last_run: JobRun | null;
  running: boolean;
}

export interface SchedulerResponse {
  settings: SchedulerSettings;
  jobs: SchedulerJob[];
}

export type SchedulerUpdate = Partial<SchedulerSettings>;

export interface JobRunAccepted {
  job: string;
  message: string;
}

/** Socket events of the `scheduler` room. */
export interface JobStartedEvent {
  job: string;
  started_at: string;
  /** `schedule`, `misfire`, or `manual`. */
  trigger: JobTrigger;
}

export type JobTrigger = 'schedule' | 'misfire' | 'manual';

export interface JobFinishedEvent {
  job: string;
  trigger: JobTrigger;
  outcome: JobOutcome;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  message: string | null;
}

/** Episodes the scheduler queued by itself (monitored series), per series. */
export interface EpisodesQueuedEvent {
  /** `scan` (after a library scan) or `new_episodes` (after the new-episodes check). */
  reason: string;
  total: number;
  series: { key: string; name: string; episodes: { season: number; episode: number }[] }[];
}
