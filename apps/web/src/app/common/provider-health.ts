import type { ProviderHealth } from '@aniworld/contracts';
import { formatAgo } from './format';

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
      : $localize`:@@health.lastSuccess:last success ${formatAgo(success, now)}:ago:`,
    failure === null || !health.last_failure
      ? $localize`:@@health.noFailure:no failure`
      : $localize`:@@health.lastFailureDetail:last failure ${formatAgo(failure, now)}:ago: (${health.last_failure.code}:code:: ${health.last_failure.message}:message:)`,
  ];
  const detail = parts.join('; ');
  if (success === null && failure === null)
    return { state: 'unknown', text: $localize`:@@health.notUsed:not used yet`, detail };
  if (failure !== null && (success === null || failure > success))
    return {
      state: 'failing',
      text:
        success === null
          ? $localize`:@@health.failing:failing since ${formatAgo(failure, now)}:failed:`
          : $localize`:@@health.failingWorked:failing since ${formatAgo(failure, now)}:failed:, worked ${formatAgo(success, now)}:worked:`,
      detail,
    };
  return {
    state: 'ok',
    text:
      failure === null
        ? $localize`:@@health.working:working`
        : $localize`:@@health.workingLastFailure:working, last failure ${formatAgo(failure, now)}:failed:`,
    detail,
  };
}
