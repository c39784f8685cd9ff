import type { Page, QueueItem, QueueList, QueueStatusResponse } from '@aniworld/contracts';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

type Api = ReturnType<TestApp['api']>;

/** The status with every list in full, read through the paged endpoint (tests only). */
export interface QueueSnapshot extends QueueStatusResponse {
  pending_queue: QueueItem[];
  completed_downloads: QueueItem[];
  failed_downloads: QueueItem[];
}

/** Every item of one list, page by page (small pages, so paging itself is exercised). */
export async function listAll(api: Api, list: QueueList, pageSize = 7): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (let page = 1; ; page++) {
    const body = (
      await api.get('/api/queue/items').query({ list, page, page_size: pageSize }).expect(200)
    ).body as Page<QueueItem>;
    items.push(...body.items);
    if (body.items.length < pageSize || items.length >= body.total) return items;
  }
}

/**
 * Items move forward (pending → downloading → completed/failed) while the lists are read one by
 * one, so they are read in that order: an item that moves on between two reads is seen in the
 * later one rather than in neither. An item seen twice counts where it was seen last.
 */
export async function queueSnapshot(api: Api): Promise<QueueSnapshot> {
  const pending = await listAll(api, 'pending');
  const status = (await api.get('/api/queue/status').expect(200)).body as QueueStatusResponse;
  const completed = await listAll(api, 'completed');
  const failed = await listAll(api, 'failed');
  const later = new Set([...status.active_downloads, ...completed, ...failed].map((i) => i.id));
  const active = status.active_downloads.filter(
    (i) => !completed.some((c) => c.id === i.id) && !failed.some((f) => f.id === i.id),
  );
  return {
    ...status,
    active_downloads: active,
    pending_queue: pending.filter((i) => !later.has(i.id)),
    completed_downloads: completed,
    failed_downloads: failed,
  };
}

/** Polls the queue status until `predicate` holds (tests wait on state, never on time). */
export async function waitForQueue(
  api: Api,
  predicate: (status: QueueSnapshot) => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<QueueSnapshot> {
  let last: QueueSnapshot | null = null;
  return waitFor(
    async () => {
      last = await queueSnapshot(api);
      return predicate(last) ? last : null;
    },
    what,
    { timeoutMs, intervalMs: 100, detail: () => `last status: ${JSON.stringify(last, null, 1)}` },
  );
}

export function allItems(status: QueueSnapshot): QueueItem[] {
  return [
    ...status.active_downloads,
    ...status.pending_queue,
    ...status.completed_downloads,
    ...status.failed_downloads,
  ];
}

export function itemIn(status: QueueSnapshot, id: string): QueueItem | undefined {
  return allItems(status).find((i) => i.id === id);
}

export async function waitForItem(
  api: Api,
  id: string,
  predicate: (item: QueueItem) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<QueueItem> {
  const status = await waitForQueue(
    api,
    (s) => {
      const item = itemIn(s, id);
      return item !== undefined && predicate(item);
    },
    `${what} (item ${id})`,
    timeoutMs,
  );
  return itemIn(status, id) as QueueItem;
}
