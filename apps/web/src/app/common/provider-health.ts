import type { ProviderHealth } from '@aniworld/contracts';

export interface HealthView {
  state: 'ok' | 'failing' | 'unknown';
  /** Short words for the list. */
  text: string;
  /** Both outcomes with their times, for the tooltip. */
  detail: string;
}

/**
 * A site's or hoster's state from both its last success and its last failure: whichever came
 * later says how it is now (a failure an hour before ten successes is history, not a red flag).
 */
export function healthView(health: ProviderHealth, now = Date.now()): HealthView {
  const success = health.last_success_at ? Date.parse(health.last_success_at) : null;
  const failure = health.last_failure ? Date.parse(health.last_failure.at) : null;
  const parts = [
    success === null
      ? $localize`:@@health.noSuccess:no success yet`
      : $localize`:@@health.lastSuccess:last success ${ago(success, now)}:ago:`,
    failure === null || !health.last_failure
      ? $localize`:@@health.noFailure:no failure`
      : $localize`:@@health.lastFailureDetail:last failure ${ago(failure, now)}:ago: (${health.last_failure.code}:code:: ${health.last_failure.message}:message:)`,
  ];
  const detail = parts.join('; ');
  if (success === null && failure === null)
    return { state: 'unknown', text: $localize`:@@health.notUsed:not used yet`, detail };
  if (failure !== null && (success === null || failure > success))
    return {
      state: 'failing',
      text:
        success === null
          ? $localize`:@@health.failing:failing since ${ago(failure, now)}:failed:`
          : $localize`:@@health.failingWorked:failing since ${ago(failure, now)}:failed:, worked ${ago(success, now)}:worked:`,
      detail,
    };
  return {
    state: 'ok',
    text:
      failure === null
        ? $localize`:@@health.working:working`
        : $localize`:@@health.workingLastFailure:working, last failure ${ago(failure, now)}:failed:`,
    detail,
  };
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function ago(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return $localize`:@@health.justNow:just now`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return $localize`:@@health.minutesAgo:${minutes}:minutes: min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return $localize`:@@health.hoursAgo:${hours}:hours: h ago`;
  return $localize`:@@health.daysAgo:${Math.round(hours / 24)}:days: days ago`;
}
