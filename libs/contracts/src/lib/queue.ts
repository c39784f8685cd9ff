export const QUEUE_ITEM_STATUSES = [
  'pending',
  'downloading',
  'completed',
  'failed',
  'cancelled',
] as const;
export type QueueItemStatus = (typeof QUEUE_ITEM_STATUSES)[number];

/** Statuses in which an episode counts as queued: at most one such item per episode. */
export const OPEN_QUEUE_STATUSES: readonly QueueItemStatus[] = ['pending', 'downloading'];

export const QUEUE_PRIORITIES = ['HIGH', 'NORMAL', 'LOW'] as const;
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];

/** One hoster tried for an item, and why it did not deliver. */
export interface HosterAttempt {
  hoster: string;
  language: string | null;
  error_code: string;
  error: string;
  at: string;
}
