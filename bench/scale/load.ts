import { Agent, request } from 'undici';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * `connections` clients on keep-alive connections, each sending the next request when the last
 * one is answered, for `seconds`; latencies in ms. Non-2xx answers fail the run.
 */
export async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const agent = new Agent({ connections, pipelining: 1 });
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const res = await request(url, { dispatcher: agent, headers });
          await res.body.text();
          if (res.statusCode >= 300) throw new Error(`GET ${url}: ${res.statusCode}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    await agent.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

/** Median latency (ms) of `count` requests one after another. */
export async function sequential(
  url: string,
  headers: Record<string, string>,
  count: number,
): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.text();
    if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return percentile(latencies, 0.5);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
