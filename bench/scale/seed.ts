import { randomUUID } from 'node:crypto';
import { LANGUAGE_CODES } from '@aniworld/contracts';

/** Runs one SQL statement (no parameters: the seed writes literals it generated itself). */
export type Exec = (sql: string) => Promise<void>;

export interface SeedPlan {
  series: number;
  episodesPerSeries: number;
  /** Finished queue items (completed and failed), the history. */
  history: number;
  pending: number;
  dialect: 'sqlite' | 'postgres';
}

/** The series whose 500 episodes `POST /api/queue/add` gets in one call. */
export const ADD_SERIES_KEY = 'bench-add-500';

const ROWS_PER_INSERT = 500;

/**
 * A library as a big user has it: every series with `episodesPerSeries` episodes in a spread of
 * language sets, about 70 % on disk; a queue history of completed and failed items and some
 * pending ones. Written with multi-row INSERTs straight into the migrated schema (the triggers
 * keep the queue totals); the per-series counts are left to the server, which computes them at
 * the first list (timed separately).
 */
export async function seed(exec: Exec, plan: SeedPlan): Promise<void> {
  const bool = (b: boolean) => (plan.dialect === 'sqlite' ? (b ? '1' : '0') : b ? 'true' : 'false');
  const rows: string[] = [];
  const flush = async (head: string) => {
    if (rows.length) await exec(`${head} VALUES ${rows.join(',')}`);
    rows.length = 0;
  };
  const seriesHead = `INSERT INTO "anime_series" ("id", "key", "name", "site", "folder", "year", "alt_titles") `;
  for (let s = 1; s <= plan.series; s++) {
    rows.push(
      `(${s}, 'series-${s}', '${seriesName(s)}', '${s % 3 ? 'aniworld' : 'sto'}', '${seriesFolder(s)}', ${1990 + (s % 35)}, '[]')`,
    );
    if (rows.length >= ROWS_PER_INSERT) await flush(seriesHead);
  }
  const addId = plan.series + 1;
  rows.push(
    `(${addId}, '${ADD_SERIES_KEY}', 'Bench Add 500', 'aniworld', 'Bench Add 500 (2020)', 2020, '[]')`,
  );
  await flush(seriesHead);

  const episodeHead = `INSERT INTO "episodes" ("id", "series_id", "season", "episode_number", "languages", "is_downloaded", "file_path") `;
  let id = 0;
  for (let s = 1; s <= plan.series; s++) {
    for (let e = 1; e <= plan.episodesPerSeries; e++) {
      id++;
      const mask = (s * 7 + e * 3) % 16;
      const languages = JSON.stringify(LANGUAGE_CODES.filter((_c, i) => mask & (1 << i)));
      const downloaded = (s + e) % 10 < 7;
      rows.push(
        `(${id}, ${s}, ${1 + Math.floor((e - 1) / 25)}, ${e}, '${languages}', ${bool(downloaded)}, ${downloaded ? `'/library/${s}/${e}.mkv'` : 'NULL'})`,
      );
      if (rows.length >= ROWS_PER_INSERT) await flush(episodeHead);
    }
  }
  await flush(episodeHead);
  const addFirst = id + 1;
  for (let e = 1; e <= 500; e++) {
    id++;
    rows.push(
      `(${id}, ${addId}, ${1 + Math.floor((e - 1) / 100)}, ${e}, '["german-dub"]', ${bool(false)}, NULL)`,
    );
  }
  await flush(episodeHead);
  if (plan.dialect === 'postgres') {
    await exec(`SELECT setval(pg_get_serial_sequence('"anime_series"', 'id'), ${addId})`);
    await exec(`SELECT setval(pg_get_serial_sequence('"episodes"', 'id'), ${id})`);
  }

  // History on the first episodes, pending on others (one open item per episode).
  const queueHead = `INSERT INTO "download_queue_items" ("id", "episode_id", "status", "priority", "position", "bytes_done", "bytes_total", "providers_tried", "hoster", "error", "started_at", "completed_at") `;
  const lastEpisode = addFirst - 1;
  const base = Date.UTC(2026, 0, 1);
  const stamp = (ms: number) =>
    `'${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
  for (let i = 0; i < plan.history; i++) {
    const completed = i % 10 !== 0;
    const at = base + i * 60_000;
    rows.push(
      `('${randomUUID()}', ${1 + (i % lastEpisode)}, '${completed ? 'completed' : 'failed'}', 1, ${i}, ${completed ? 350_000_000 : 0}, ${completed ? 350_000_000 : 'NULL'}, '${completed ? '[]' : FAILED_TRIES}', ${completed ? "'VOE'" : 'NULL'}, ${completed ? 'NULL' : "'Every hoster failed for this episode'"}, ${stamp(at)}, ${stamp(at + 30_000)})`,
    );
    if (rows.length >= ROWS_PER_INSERT) await flush(queueHead);
  }
  await flush(queueHead);
  for (let i = 0; i < plan.pending; i++) {
    rows.push(
      `('${randomUUID()}', ${lastEpisode - i}, 'pending', ${i % 3}, ${plan.history + i}, 0, NULL, '[]', NULL, NULL, NULL, NULL)`,
    );
    if (rows.length >= ROWS_PER_INSERT) await flush(queueHead);
  }
  await flush(queueHead);
}

function seriesName(s: number): string {
  return `Series ${String(s).padStart(5, '0')} ${WORDS[s % WORDS.length]}`;
}

/** The folder of seeded series `s` in the library. */
export function seriesFolder(s: number): string {
  return `${seriesName(s)} (${1990 + (s % 35)})`;
}

const WORDS = ['Sternenwanderer', 'Drachen', 'Frieren', 'Kaiju', 'Mecha', 'Isekai', 'Shonen'];

const FAILED_TRIES = JSON.stringify(
  ['VOE', 'Filemoon', 'Vidmoly'].map((hoster) => ({
    hoster,
    language: 'german-dub',
    error_code: 'HOSTER_UNAVAILABLE',
    error: 'The hoster answered 500',
    at: '2026-01-01T00:00:00.000Z',
  })),
);
