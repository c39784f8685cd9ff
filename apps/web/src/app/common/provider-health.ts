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
    success === null ? 'no success yet' : `last success ${ago(success, now)}`,
    failure === null || !health.last_failure
      ? 'no failure'
      : `last failure ${ago(failure, now)} (${health.last_failure.code}: ${health.last_failure.message})`,
  ];
  const detail = parts.join('; ');
  if (success === null && failure === null)
    return { state: 'unknown', text: 'not used yet', detail };
  if (failure !== null && (success === null || failure > success))
    return {
      state: 'failing',
      text: `failing since ${ago(failure, now)}${success === null ? '' : `, worked ${ago(success, now)}`}`,
      detail,
    };
  return {
    state: 'ok',
    text: `working${failure === null ? '' : `, last failure ${ago(failure, now)}`}`,
    detail,
  };
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function ago(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
