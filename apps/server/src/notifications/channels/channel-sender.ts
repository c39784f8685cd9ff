import type { ChannelTestResult } from '@aniworld/contracts';
import type { OutboundRequest } from './channel-requests';
import { messageOf } from '../../common/errors';

const TIMEOUT_MS = 10_000;

/** POSTs one request; any 2xx is delivered. Never throws: the outcome says what happened. */
export async function send(request: OutboundRequest): Promise<ChannelTestResult> {
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text().catch(() => '');
    if (res.ok) return { ok: true, status: res.status, error: null };
    return {
      ok: false,
      status: res.status,
      error: `HTTP ${res.status} ${text.slice(0, 200)}`.trim(),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, status: null, error: cause ?? messageOf(error) };
  }
}
