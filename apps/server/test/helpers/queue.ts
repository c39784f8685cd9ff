import {
  type QueueItem,
  type QueueList,
  type QueueReader,
  type QueueSnapshot,
  readQueueList,
  readQueueSnapshot,
} from '@aniworld/contracts';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

type Api = ReturnType<TestApp['api']>;

/** Small pages, so paging itself is exercised. */
const PAGE_SIZE = 7;

const reader =
  (api: Api): QueueReader =>
  async (path) =>
    (await api.get(path).expect(200)).body as unknown;

/** Every item of one list, page by page. */
export function listAll(api: Api, list: QueueList, pageSize = PAGE_SIZE): Promise<QueueItem[]> {
  return readQueueList(reader(api), list, pageSize);
}

/** The status with every list in full, read through the paged endpoint. */
export function queueSnapshot(api: Api): Promise<QueueSnapshot> {
  return readQueueSnapshot(reader(api), PAGE_SIZE);
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
