import type { Page as ResultPage, QueueItem, QueueList } from '@aniworld/contracts';
import { apiCall } from '@aniworld/testing';
import type { Page } from 'playwright-core';

export const PASSWORD = 'Sup3r-Secret!';

/** First-run setup over the API, for journeys that are not about setup; returns the token. */
export async function setupOverApi(url: string, animeDirectory?: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      password: PASSWORD,
      ...(animeDirectory ? { anime_directory: animeDirectory } : {}),
    }),
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Logs the browser in by storing the token where the app keeps it, as a reload would find it. */
export async function useToken(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.evaluate((t) => localStorage.setItem('aniworld.token', t), token);
}

/** The first page (up to 500 items) of a queue list, as the API pages it. */
export async function queueItems(
  url: string,
  token: string,
  list: QueueList,
): Promise<QueueItem[]> {
  const page = await apiCall<ResultPage<QueueItem>>(
    url,
    token,
    'GET',
    `/api/queue/items?list=${list}&page_size=500`,
  );
  return page.items;
}
