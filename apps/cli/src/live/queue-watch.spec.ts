import type { DownloadProgressEvent, QueueStatusResponse } from '@aniworld/contracts';
import { Writable } from 'node:stream';
import { Output } from '../output';
import { JsonView, PlainView } from './queue-watch';

function capture(): { out: Output; lines: () => string[] } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { out: new Output(false, sink, sink, {}), lines: () => text.split('\n').filter(Boolean) };
}

const status = (pending: number, active: number): QueueStatusResponse => ({
  is_running: true,
  is_paused: false,
  active_downloads: [],
  stats: {
    total_items: pending + active,
    pending,
    active,
    completed: 0,
    failed: 0,
    current_speed_mbps: 1.5,
    bytes_downloaded: 0,
  },
});

const progress = (percent: number): DownloadProgressEvent => ({
  key: 'sternenwanderer',
  folder: null,
  series_name: 'Sternenwanderer',
  hoster: 'VOE',
  language: 'german-dub',
  download_id: 'd1',
  season: 1,
  episode: 2,
  percent,
  speed_mbps: 2,
  eta_seconds: 10,
  bytes: { done: 0, total: null },
});

describe('queue watch without a terminal', () => {
  it('prints a state line only when it changes and progress once per quarter', () => {
    const { out, lines } = capture();
    const view = new PlainView(out);
    view.status(status(2, 0));
    view.status(status(2, 0));
    view.status(status(1, 1));
    for (const p of [1, 10, 24, 25, 30, 50, 60, 80, 99, 100]) view.progress(progress(p));
    view.complete({
      key: 'sternenwanderer',
      folder: null,
      series_name: 'Sternenwanderer',
      language: 'german-dub',
      fallback_from: null,
      download_id: 'd1',
      season: 1,
      episode: 2,
      file_path: '/lib/x.mp4',
      hoster: 'VOE',
      bytes: 1,
    });
    expect(lines()).toEqual([
      'queue running · pending 2 · active 0 · completed 0 · failed 0 · 1.5 MB/s',
      'queue running · pending 1 · active 1 · completed 0 · failed 0 · 1.5 MB/s',
      'sternenwanderer S01E02 1% 2.0 MB/s',
      'sternenwanderer S01E02 25% 2.0 MB/s',
      'sternenwanderer S01E02 50% 2.0 MB/s',
      'sternenwanderer S01E02 80% 2.0 MB/s',
      'sternenwanderer S01E02 100% 2.0 MB/s',
      'completed sternenwanderer S01E02 -> /lib/x.mp4',
    ]);
  });

  it('prints every event as one JSON line with --json', () => {
    const { out, lines } = capture();
    const view = new JsonView(out);
    view.status(status(0, 0));
    view.progress(progress(5));
    expect(lines().map((l) => (JSON.parse(l) as { event: string }).event)).toEqual([
      'queue_status',
      'download_progress',
    ]);
  });
});
