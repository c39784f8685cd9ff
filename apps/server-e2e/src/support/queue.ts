import type { Page, QueueItem, QueueList, QueueStatusResponse } from '@aniworld/contracts';

/** The status with every list in full, read through the paged `GET /api/queue/items`. */
export interface QueueSnapshot extends QueueStatusResponse {
  pending_queue: QueueItem[];
  completed_downloads: QueueItem[];
  failed_downloads: QueueItem[];
}

type Get = (path: string) => Promise<unknown>;

async function listAll(get: Get, list: QueueList): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (let page = 1; ; page++) {
    const body = (await get(
      `/api/queue/items?list=${list}&page=${page}&page_size=100`,
    )) as Page<QueueItem>;
    items.push(...body.items);
    if (body.items.length < 100 || items.length >= body.total) return items;
  }
}

/**
 * Items move forward (pending → downloading → completed/failed) while the lists are read one by
 * one, so they are read in that order: an item that moves on between two reads is seen in the
 * later one rather than in neither, and counts where it was seen last.
 */
export async function queueSnapshot(get: Get): Promise<QueueSnapshot> {
  const pending = await listAll(get, 'pending');
  const status = (await get('/api/queue/status')) as QueueStatusResponse;
  const completed = await listAll(get, 'completed');
  const failed = await listAll(get, 'failed');
  const finished = new Set([...completed, ...failed].map((i) => i.id));
  const active = status.active_downloads.filter((i) => !finished.has(i.id));
  const later = new Set([...active.map((i) => i.id), ...finished]);
  return {
    ...status,
    active_downloads: active,
    pending_queue: pending.filter((i) => !later.has(i.id)),
    completed_downloads: completed,
    failed_downloads: failed,
  };
}
