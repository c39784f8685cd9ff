import {
  type DownloadCompleteEvent,
  type DownloadFailedEvent,
  type DownloadProgressEvent,
  episodeCode,
  type QueueItem,
  type QueueStatusResponse,
} from '@aniworld/contracts';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { type ApiClient, ServerUnreachable } from '../api/api-client';
import { formatEta, formatSpeed, itemLabel } from '../format';
import type { Output } from '../output';
import { queueSummary } from './queue-summary';

/** How the feed is shown: bars on a terminal, JSON lines with --json, plain lines otherwise. */
interface QueueView {
  status(status: QueueStatusResponse): void;
  progress(event: DownloadProgressEvent): void;
  complete(event: DownloadCompleteEvent): void;
  failed(event: DownloadFailedEvent): void;
  stop(): void;
}

/**
 * `queue status --watch`: the queue live from the socket feed until Ctrl-C (exit 0). Losing the
 * connection ends it with exit 4.
 */
export async function watchQueue(client: ApiClient, out: Output): Promise<void> {
  const socket = await client.connectLive(['downloads', 'download_progress']);
  const view: QueueView = out.json
    ? new JsonView(out)
    : out.tty
      ? new BarView(out)
      : new PlainView(out);
  let onSignal: (() => void) | undefined;
  try {
    socket.on('queue_status', (s) => view.status(s));
    socket.on('download_progress', (e) => view.progress(e));
    socket.on('download_complete', (e) => view.complete(e));
    socket.on('download_failed', (e) => view.failed(e));
    view.status(await client.queueStatus());
    await new Promise<void>((resolve, reject) => {
      onSignal = resolve;
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      socket.on('disconnect', (reason) =>
        reject(new ServerUnreachable(client.server, `the live feed closed (${reason})`)),
      );
    });
  } finally {
    if (onSignal) {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
    view.stop();
    socket.close();
  }
}

export class JsonView implements QueueView {
  constructor(private readonly out: Output) {}
  status(data: QueueStatusResponse): void {
    this.out.jsonLine({ event: 'queue_status', data });
  }
  progress(data: DownloadProgressEvent): void {
    this.out.jsonLine({ event: 'download_progress', data });
  }
  complete(data: DownloadCompleteEvent): void {
    this.out.jsonLine({ event: 'download_complete', data });
  }
  failed(data: DownloadFailedEvent): void {
    this.out.jsonLine({ event: 'download_failed', data });
  }
  stop(): void {
    // Every line is already complete.
  }
}

/** For logs and pipes: a line per finished download, per quarter of progress, per state change. */
export class PlainView implements QueueView {
  private readonly quarters = new Map<string, number>();
  private lastSummary = '';
  constructor(private readonly out: Output) {}
  status(status: QueueStatusResponse): void {
    const summary = queueSummary(status);
    if (summary !== this.lastSummary) this.out.line((this.lastSummary = summary));
  }
  progress(e: DownloadProgressEvent): void {
    const quarter = Math.floor((e.percent ?? 0) / 25);
    if (this.quarters.get(e.download_id) === quarter) return;
    this.quarters.set(e.download_id, quarter);
    this.out.line(
      `${e.key} ${episodeCode(e.season, e.episode)} ${Math.floor(e.percent ?? 0)}% ${formatSpeed(e.speed_mbps)}`,
    );
  }
  complete(e: DownloadCompleteEvent): void {
    this.quarters.delete(e.download_id);
    this.out.line(`completed ${e.key} ${episodeCode(e.season, e.episode)} -> ${e.file_path}`);
  }
  failed(e: DownloadFailedEvent): void {
    this.quarters.delete(e.download_id);
    this.out.line(
      `failed ${e.key} ${episodeCode(e.season, e.episode)}: ${e.error}${e.will_retry ? ' (will retry)' : ''}`,
    );
  }
  stop(): void {
    // Nothing drawn that needs clearing.
  }
}

/** A terminal: a summary line and one bar per active download (cli-progress). */
class BarView implements QueueView {
  private readonly multi: MultiBar;
  private readonly summary: SingleBar;
  private readonly bars = new Map<string, SingleBar>();

  constructor(private readonly out: Output) {
    this.multi = new MultiBar(
      {
        format: '{label} |{bar}| {percentage}% {speed} ETA {eta_text}',
        hideCursor: true,
        clearOnComplete: false,
        autopadding: true,
      },
      Presets.shades_classic,
    );
    this.summary = this.multi.create(1, 0, { text: '' }, { format: '{text}' });
  }

  status(status: QueueStatusResponse): void {
    this.summary.update(0, { text: queueSummary(status) });
    const active = new Set(status.active_downloads.map((i) => i.id));
    for (const [id, bar] of this.bars)
      if (!active.has(id)) {
        this.multi.remove(bar);
        this.bars.delete(id);
      }
    for (const item of status.active_downloads) this.barFor(item.id, itemLabel(item), item);
  }

  progress(e: DownloadProgressEvent): void {
    this.barFor(e.download_id, `${e.key} ${episodeCode(e.season, e.episode)}`).update(
      Math.floor(e.percent ?? 0),
      { speed: formatSpeed(e.speed_mbps), eta_text: formatEta(e.eta_seconds) },
    );
  }

  complete(e: DownloadCompleteEvent): void {
    this.drop(e.download_id);
    this.multi.log(
      `${this.out.style('completed', 'green')} ${e.key} ${episodeCode(e.season, e.episode)} -> ${e.file_path}\n`,
    );
  }

  failed(e: DownloadFailedEvent): void {
    this.drop(e.download_id);
    this.multi.log(
      `${this.out.style('failed', 'red')} ${e.key} ${episodeCode(e.season, e.episode)}: ${e.error}${e.will_retry ? ' (will retry)' : ''}\n`,
    );
  }

  stop(): void {
    this.multi.stop();
  }

  private barFor(id: string, label: string, item?: QueueItem): SingleBar {
    let bar = this.bars.get(id);
    if (!bar) {
      const p = item?.progress;
      bar = this.multi.create(100, Math.floor(p?.percent ?? 0), {
        label,
        speed: formatSpeed(p?.speed_mbps),
        eta_text: formatEta(p?.eta_seconds),
      });
      this.bars.set(id, bar);
    }
    return bar;
  }

  private drop(id: string): void {
    const bar = this.bars.get(id);
    if (!bar) return;
    this.multi.remove(bar);
    this.bars.delete(id);
  }
}
