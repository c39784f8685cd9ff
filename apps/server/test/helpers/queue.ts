import type { QueueItem, QueueStatusResponse } from '@aniworld/contracts';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

type Api = ReturnType<TestApp['api']>;

/** Polls the queue status until `predicate` holds (tests wait on state, never on time). */
export async function waitForQueue(
  api: Api,
  predicate: (status: QueueStatusResponse) => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<QueueStatusResponse> {
  let last: QueueStatusResponse | null = null;
  return waitFor(
    async () => {
      last = (await api.get('/api/queue/status').expect(200)).body as QueueStatusResponse;
      return predicate(last) ? last : null;
    },
    what,
    { timeoutMs, intervalMs: 100, detail: () => `last status: ${JSON.stringify(last, null, 1)}` },
  );
}

export function allItems(status: QueueStatusResponse): QueueItem[] {
  return [
    ...status.active_downloads,
    ...status.pending_queue,
    ...status.completed_downloads,
    ...status.failed_downloads,
  ];
}

export function itemIn(status: QueueStatusResponse, id: string): QueueItem | undefined {
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
