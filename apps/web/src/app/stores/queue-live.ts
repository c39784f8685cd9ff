import type { QueueItem } from '@aniworld/contracts';

/** The running downloads at a glance, from their live progress. */
export interface QueueTotals {
  /** Downloads running. */
  count: number;
  /** MB/s, the sum of the running downloads' speeds. */
  speedMbps: number;
  /** Seconds until the running downloads are done at this speed; null when unknown. */
  etaSeconds: number | null;
  /** Percent of the running downloads' bytes done (those whose size is known); null before. */
  percent: number | null;
}

/**
 * Totals computed from the items' progress, which the `download_progress` events keep current:
 * the status's own speed is only as fresh as its last `queue_status` event.
 */
export function queueTotals(active: readonly QueueItem[]): QueueTotals {
  let speed = 0;
  let done = 0;
  let total = 0;
  let percents = 0;
  let withPercent = 0;
  for (const item of active) {
    const p = item.progress;
    if (!p) continue;
    speed += p.speed_mbps ?? 0;
    if (p.bytes_total) {
      done += p.bytes_done;
      total += p.bytes_total;
    } else if (p.percent !== null) {
      percents += p.percent;
      withPercent++;
    }
  }
  const remaining = Math.max(0, total - done);
  const percent = total > 0 ? (done / total) * 100 : withPercent ? percents / withPercent : null;
  return {
    count: active.length,
    speedMbps: Math.round(speed * 100) / 100,
    etaSeconds: speed > 0 && total > 0 ? remaining / (speed * 1e6) : null,
    percent: percent === null ? null : Math.min(100, percent),
  };
}

/** `(2) 45 % · Queue · Aniworld` while downloads run, else the page title as it is. */
export function progressTitle(pageTitle: string, totals: QueueTotals): string {
  if (totals.count === 0) return pageTitle;
  const percent = totals.percent === null ? '' : ` ${Math.floor(totals.percent)} %`;
  return `(${totals.count})${percent} · ${pageTitle}`;
}

/** A download that received nothing for this long is shown as stalled. */
export const STALLED_AFTER_MS = 15_000;

/** Why a download looks stuck, in words; null while data arrives. */
export function stalledReason(
  item: QueueItem,
  lastProgressAt: number | undefined,
  now: number,
): string | null {
  if (item.status !== 'downloading' || lastProgressAt === undefined) return null;
  const quiet = now - lastProgressAt;
  if (quiet < STALLED_AFTER_MS) return null;
  const hoster = item.hoster;
  const seconds = Math.round(quiet / 1000);
  if ((item.progress?.bytes_done ?? 0) === 0)
    return hoster
      ? $localize`:@@queue.waitingFrom:Waiting: no data from ${hoster}:hoster: yet after ${seconds}:seconds: s (finding a working hoster).`
      : $localize`:@@queue.waiting:Waiting: no data yet after ${seconds}:seconds: s (finding a working hoster).`;
  return hoster
    ? $localize`:@@queue.stalledFrom:Stalled: no data from ${hoster}:hoster: for ${seconds}:seconds: s. If it stays this slow, this hoster is given up and the next one tried.`
    : $localize`:@@queue.stalled:Stalled: no data for ${seconds}:seconds: s. If it stays this slow, this hoster is given up and the next one tried.`;
}
