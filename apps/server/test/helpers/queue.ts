import type { QueueItem, QueueStatusResponse } from '@aniworld/contracts';
import type { TestApp } from './test-app';

type Api = ReturnType<TestApp['api']>;

/** Polls the queue status until `predicate` holds (tests wait on state, never on time). */
export async function waitForQueue(
  api: Api,
  predicate: (status: QueueStatusResponse) => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<QueueStatusResponse> {
  const deadline = Date.now() + timeoutMs;
  let last: QueueStatusResponse | null = null;
  while (Date.now() < deadline) {
    last = (await api.get('/api/queue/status').expect(200)).body as QueueStatusResponse;
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last status: ${JSON.stringify(last, null, 1)}`);
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
