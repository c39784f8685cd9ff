import type { ProgressEvent } from '../lib/core/types';

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** One status line; with `barWidth` > 0 a bar is drawn in front (TTY). */
export function progressLine(e: ProgressEvent, barWidth: number): string {
  const pct = e.percent === null ? '  ?  ' : `${e.percent.toFixed(1).padStart(5)}%`;
  const total =
    e.bytesTotal === null ? '?' : `${e.totalIsEstimate ? '~' : ''}${formatBytes(e.bytesTotal)}`;
  const parts = [
    pct,
    `${formatBytes(e.bytesDone)}/${total}`,
    `${formatBytes(e.speed)}/s`,
    `ETA ${formatDuration(e.etaSeconds)}`,
  ];
  if (e.segmentsTotal !== undefined) parts.push(`seg ${e.segmentsDone ?? 0}/${e.segmentsTotal}`);
  if (barWidth > 0) {
    const filled = e.percent === null ? 0 : Math.round((Math.min(100, e.percent) / 100) * barWidth);
    parts.unshift(`[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`);
  }
  return parts.join('  ');
}
