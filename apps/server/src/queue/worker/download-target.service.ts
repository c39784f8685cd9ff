import { Inject, Injectable } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { LanguageCode } from '@aniworld/contracts';
import { locateMediaTool } from '@aniworld/downloader';
import type { AnimeSeriesEntity } from '../../anime/entities/anime-series.entity';
import type { EpisodeEntity } from '../../anime/entities/episode.entity';
import { CLOCK, type Clock } from '../../common/clock';
import { ConfigService } from '../../config/config.service';
import { episodePath } from '../naming/episode-path';

const run = promisify(execFile);
/** How long a "downloads enabled" answer is reused: the worker asks on every tick. */
const CHECK_TTL_MS = 5_000;

export interface TargetSpec {
  series: AnimeSeriesEntity;
  episode: EpisodeEntity;
  language: LanguageCode | null;
  hoster: string | null;
  quality: number | null;
}

/** Where episodes go in the library, and whether the library can take them. */
@Injectable()
export class DownloadTargetService {
  private cached: { at: number; problem: string | null; root: string | null } | null = null;

  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Null when downloads can run; otherwise why not (for DOWNLOADS_DISABLED and the log). */
  async problem(): Promise<string | null> {
    const root = this.config.config.anime_directory;
    const now = this.clock.now();
    if (this.cached && this.cached.root === root && now - this.cached.at < CHECK_TTL_MS)
      return this.cached.problem;
    const problem = await checkDirectory(root);
    this.cached = { at: now, problem, root };
    return problem;
  }

  /** The final path of an episode under the naming template; always inside the anime directory. */
  pathFor(spec: TargetSpec): string {
    const root = this.config.config.anime_directory;
    if (!root) throw new Error('anime directory is not configured');
    return episodePath(resolve(root), this.config.config.downloads.naming_template, {
      series: spec.series.name,
      year: spec.series.year,
      folder: spec.series.folder,
      key: spec.series.key,
      season: spec.episode.season,
      episode: spec.episode.episodeNumber,
      absolute: spec.episode.absoluteNumber,
      titleDe: spec.episode.titleDe,
      titleEn: spec.episode.titleEn,
      language: spec.language,
      quality: spec.quality,
      hoster: spec.hoster,
      ext: 'mp4',
    });
  }
}

async function checkDirectory(root: string | null): Promise<string | null> {
  if (!root) return 'no anime directory is configured (set ANIME_DIRECTORY or anime_directory)';
  try {
    const stat = await fs.stat(root);
    if (!stat.isDirectory()) return `the anime directory ${root} is not a directory`;
    await fs.access(root, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `the anime directory ${root} does not exist`
      : `the anime directory ${root} is not writable (${code ?? String(error)})`;
  }
}

/**
 * Whether a file already at the target is a complete episode (a crash after the downloader's
 * rename): ffprobe must find a video stream; without ffprobe a non-empty file is trusted.
 */
export async function isCompleteVideo(path: string): Promise<boolean> {
  let size: number;
  try {
    size = (await fs.stat(path)).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  const ffprobe = locateMediaTool('ffprobe');
  if (!ffprobe) return true;
  try {
    const { stdout } = await run(
      ffprobe,
      ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', path],
      { timeout: 30_000 },
    );
    return stdout.split(/\s+/).includes('video');
  } catch {
    return false;
  }
}

/** Removes what a cancelled download left (both layouts the downloader uses). */
export async function removePartials(target: string): Promise<void> {
  for (const suffix of [
    '.part',
    '.part.json',
    '.part.json.tmp',
    '.ts.part',
    '.ts.part.json',
    '.ts.part.json.tmp',
  ])
    await fs.rm(`${target}${suffix}`, { force: true }).catch(() => undefined);
}
