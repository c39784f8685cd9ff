import { Inject, Injectable } from '@nestjs/common';
import { constants, promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { LanguageCode } from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../../anime/entities/anime-series.entity';
import type { EpisodeEntity } from '../../anime/entities/episode.entity';
import { CLOCK, type Clock } from '../../common/clock';
import { ConfigService } from '../../config/config.service';
import { episodePath } from '../naming/episode-path';

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

  /**
   * The final path of an episode under the naming template; always inside the anime directory.
   * `ext` is the container (`mp4`), or `strm` for a `.strm` file in the same place.
   */
  pathFor(spec: TargetSpec, ext = 'mp4'): string {
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
      ext,
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
