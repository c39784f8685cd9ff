import type { QueueStatusResponse } from '@aniworld/contracts';
import { formatSpeed } from '../format';

export function queueState(status: QueueStatusResponse): string {
  return status.is_paused ? 'paused' : status.is_running ? 'running' : 'stopped';
}

/** One line: the queue's state and counts. */
export function queueSummary(status: QueueStatusResponse): string {
  const s = status.stats;
  return `queue ${queueState(status)} · pending ${s.pending} · active ${s.active} · completed ${s.completed} · failed ${s.failed} · ${formatSpeed(s.current_speed_mbps)}`;
}
