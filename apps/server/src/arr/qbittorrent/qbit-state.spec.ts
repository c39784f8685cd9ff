import type { QueueItem } from '@aniworld/contracts';
import { ETA_UNKNOWN, etaOf, progressOf, torrentState } from './qbit-state';

const NOW = Date.parse('2026-03-01T12:00:00Z');

const item = (over: Partial<QueueItem> = {}): QueueItem => ({
  id: 'i',
  serie_id: 'k',
  serie_folder: null,
  serie_name: 'K',
  season: 1,
  episode: 1,
  title: null,
  status: 'pending',
  priority: 'NORMAL',
  position: 0,
  language: 'german-dub',
  downloaded_language: null,
  fallback_from: null,
  upgrade: false,
  attempts: 0,
  next_attempt_at: null,
  progress: null,
  error: null,
  providers_tried: [],
  hoster: null,
  file_path: null,
  category: 'tv-sonarr',
  held: false,
  created_at: '2026-03-01T11:00:00Z',
  started_at: null,
  completed_at: null,
  ...over,
});

describe('queue item → qBittorrent state (docs/arr-qbittorrent.md)', () => {
  it.each([
    ['queued', item(), false, 'queuedDL'],
    ['downloading', item({ status: 'downloading' }), false, 'downloading'],
    [
      'waiting for a retry',
      item({ attempts: 1, next_attempt_at: '2026-03-01T12:05:00Z' }),
      false,
      'stalledDL',
    ],
    [
      'due again after a failure',
      item({ attempts: 1, next_attempt_at: '2026-03-01T11:55:00Z' }),
      false,
      'queuedDL',
    ],
    ['held (paused torrent)', item({ held: true }), false, 'stoppedDL'],
    ['failed for good', item({ status: 'failed' }), false, 'error'],
    ['cancelled', item({ status: 'cancelled' }), false, 'error'],
    ['completed, file there', item({ status: 'completed' }), true, 'stoppedUP'],
    ['completed, file gone', item({ status: 'completed' }), false, 'missingFiles'],
    ['no queue item, file there', null, true, 'stoppedUP'],
    ['no queue item, file gone', null, false, 'missingFiles'],
  ] as const)('%s → %s', (_what, queueItem, fileExists, expected) => {
    expect(torrentState({ item: queueItem, fileExists, now: NOW })).toBe(expected);
  });

  it('reports progress and ETA as qBittorrent does', () => {
    const running = item({
      status: 'downloading',
      progress: { percent: 50, bytes_done: 50, bytes_total: 100, speed_mbps: 1, eta_seconds: 12.4 },
    });
    expect(progressOf('downloading', running)).toBe(0.5);
    expect(etaOf('downloading', running)).toBe(12);
    expect(progressOf('stoppedUP', null)).toBe(1);
    expect(etaOf('stoppedUP', null)).toBe(0);
    expect(etaOf('queuedDL', item())).toBe(ETA_UNKNOWN);
    // Never 1 before the file is done: Sonarr would take it as complete.
    expect(
      progressOf(
        'downloading',
        item({
          progress: {
            percent: 100,
            bytes_done: 100,
            bytes_total: 100,
            speed_mbps: 1,
            eta_seconds: 0,
          },
        }),
      ),
    ).toBeLessThan(1);
  });
});
