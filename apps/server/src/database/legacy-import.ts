import { Logger } from '@nestjs/common';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { SITE_IDS, type SiteId } from '@aniworld/contracts';
import { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { EpisodeEntity } from '../anime/entities/episode.entity';
import { SQLITE_DRIVER } from './sqlite-driver';

const logger = new Logger('LegacyImport');

type Row = Record<string, unknown>;

/**
 * The earlier (Python) Aniworld kept its library in SQLite at `./data/aniworld.db`, the same
 * place as ours, with tables `anime_series`, `episodes` and `download_queue_item` and no
 * migrations table. Such a file is set aside as `<name>.legacy.db` before ours is created, and
 * its series and episodes are imported once (the set-aside file is never read again). Queue items
 * are not imported: the missing episodes come back with the next rescan, to be queued anew.
 */
export async function setAsideLegacyDatabase(path: string): Promise<string | null> {
  if (!existsSync(path)) return null;
  const tables = await tableNames(path);
  if (!tables.includes('download_queue_item') || tables.includes('migrations')) return null;
  const aside = `${path.replace(/\.db$/, '')}.legacy.db`;
  if (existsSync(aside))
    throw new Error(
      `${path} is the earlier version's database and ${aside} exists already. Fix: move one of them away.`,
    );
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm', '-journal'])
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  logger.warn({ msg: "the earlier version's database was set aside to be imported", path: aside });
  return aside;
}

/** Undoes {@link setAsideLegacyDatabase} after a failed import: ours goes, the original returns. */
export function restoreLegacyDatabase(aside: string, path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    if (existsSync(aside + suffix)) renameSync(aside + suffix, path + suffix);
  logger.warn({ msg: "the earlier version's database was put back after a failed import", path });
}

/** Copies the series and episodes of a set-aside legacy database into ours, in one transaction. */
export async function importLegacyDatabase(
  legacyPath: string,
  target: DataSource,
): Promise<{ series: number; episodes: number }> {
  const legacy = new DataSource({
    type: 'sqlite',
    driver: SQLITE_DRIVER,
    database: legacyPath,
    logging: false,
  });
  await legacy.initialize();
  try {
    const series = (await legacy.query('SELECT * FROM anime_series')) as Row[];
    const episodes = (await legacy.query('SELECT * FROM episodes')) as Row[];
    return await target.transaction(async (manager) => {
      const ids = new Map<unknown, number>();
      for (const row of series) {
        const key = text(row['key']);
        if (!key) continue;
        const site = siteOf(text(row['site']));
        const saved = await manager.save(
          manager.create(AnimeSeriesEntity, {
            key,
            site,
            name: text(row['name']) ?? key,
            folder: text(row['folder']),
            year: int(row['year']),
            altTitles: [],
          }),
        );
        ids.set(row['id'], saved.id);
      }
      let count = 0;
      for (const row of episodes) {
        const seriesId = ids.get(row['series_id']);
        const season = int(row['season']);
        const episode = int(row['episode_number']) ?? int(row['episode']);
        if (seriesId === undefined || season === null || episode === null) continue;
        const filePath = text(row['file_path']);
        await manager.save(
          manager.create(EpisodeEntity, {
            seriesId,
            season,
            episodeNumber: episode,
            titleDe: text(row['title']),
            languages: [],
            isDownloaded: Boolean(row['is_downloaded']) || filePath !== null,
            filePath,
          }),
        );
        count++;
      }
      logger.log({
        msg: "the earlier version's library was imported",
        from: legacyPath,
        series: ids.size,
        episodes: count,
      });
      return { series: ids.size, episodes: count };
    });
  } finally {
    await legacy.destroy();
  }
}

async function tableNames(path: string): Promise<string[]> {
  const probe = new DataSource({
    type: 'sqlite',
    driver: SQLITE_DRIVER,
    database: path,
    logging: false,
  });
  await probe.initialize();
  try {
    const rows = (await probe.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as {
      name: string;
    }[];
    return rows.map((r) => r.name);
  } finally {
    await probe.destroy();
  }
}

/** A site id, or the site's URL as the earlier version stored it; aniworld.to otherwise. */
function siteOf(value: string | null): SiteId {
  if (value && (SITE_IDS as readonly string[]).includes(value)) return value as SiteId;
  return value && /(^|\/\/|\.)(s\.to|serienstream\.to)/.test(value) ? 'sto' : 'aniworld';
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}
