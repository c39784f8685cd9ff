import { CronTime } from 'cron';

/**
 * When a job runs: daily at a local time in a zone (DST handled by the zone), or every N
 * milliseconds. Pure: every rule here takes "now" as an argument, so tests use a fake clock.
 */
export type JobSchedule =
  { kind: 'daily'; time: string; timezone: string } | { kind: 'every'; ms: number };

const DAY_MS = 24 * 60 * 60 * 1000;

let processZone: string | null = null;

/**
 * The zone of the server process (TZ, else the system's), looked up once: building an
 * `Intl.DateTimeFormat` costs a quarter of a millisecond, and `/health` asks on every call.
 */
export function serverTimeZone(): string {
  processZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return processZone;
}

/** A stable text for a schedule: stored with `next_run_at` so a change is noticed. */
export function scheduleKey(schedule: JobSchedule): string {
  return schedule.kind === 'daily'
    ? `daily ${schedule.time} ${schedule.timezone}`
    : `every ${formatDuration(schedule.ms)}`;
}

/** Length of one period: a daily job is at most this late before its slot counts as missed. */
export function periodMs(schedule: JobSchedule): number {
  return schedule.kind === 'daily' ? DAY_MS : schedule.ms;
}

/** The first slot strictly after `from`. */
export function nextRunAfter(schedule: JobSchedule, from: number): number {
  if (schedule.kind === 'every') return from + schedule.ms;
  const [hours, minutes] = schedule.time.split(':').map(Number);
  const cron = new CronTime(`0 ${minutes} ${hours} * * *`, schedule.timezone);
  return cron.getNextDateFrom(new Date(from), schedule.timezone).toMillis();
}

export type DueDecision =
  | { action: 'wait' }
  /** Due now; `misfire` when the slot was missed (server down or busy), not just reached. */
  | { action: 'run'; misfire: boolean }
  /** Missed by a whole period or more: no catch-up run, wait for `next`. */
  | { action: 'skip'; next: number };

/**
 * Misfire rule: a slot that passed while nobody ran it runs once, now, if it is less than one
 * period late (a daily rescan missed at 03:00 runs when the server comes up at 09:00); a slot
 * older than that is dropped and the job waits for its next slot, so a server that was off for
 * a week does not start with a burst of stale runs. `toleranceMs` is how late a run may start
 * and still count as on time (the polling interval of the caller).
 */
export function decide(
  schedule: JobSchedule,
  nextRunAt: number,
  now: number,
  toleranceMs: number,
): DueDecision {
  if (now < nextRunAt) return { action: 'wait' };
  const late = now - nextRunAt;
  if (late >= periodMs(schedule)) return { action: 'skip', next: nextRunAfter(schedule, now) };
  return { action: 'run', misfire: late > toleranceMs };
}

/**
 * Cooldown of automatic queueing: what was queued automatically less than `cooldownMs` ago is
 * not queued again (a re-trigger right after a run, or an item the user just removed). Returns
 * the allowed candidates and the remembered times with expired entries dropped.
 */
export function applyCooldown(
  candidates: readonly string[],
  recent: Readonly<Record<string, number>>,
  now: number,
  cooldownMs: number,
): { allowed: string[]; recent: Record<string, number> } {
  const kept: Record<string, number> = {};
  for (const [id, at] of Object.entries(recent)) if (now - at < cooldownMs) kept[id] = at;
  return { allowed: candidates.filter((id) => kept[id] === undefined), recent: kept };
}

function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
