import { Injectable, Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import {
  episodeCode,
  type HosterAttempt,
  fallbackFrom,
  LANGUAGE_LABELS,
  type LanguageCode,
  languageCodeOf,
  type SiteId,
} from '@aniworld/contracts';
import {
  Aborted,
  download,
  type DownloadLogger,
  type DownloadResult,
  isCompleteVideo,
  LinkExpired,
  type ProgressEvent,
} from '@aniworld/downloader';
import type { ResolvedStream } from '@aniworld/providers';
import type { AnimeSeriesEntity } from '../../anime/entities/anime-series.entity';
import type { EpisodeEntity } from '../../anime/entities/episode.entity';
import { effectiveLanguages } from '../../anime/missing-episodes';
import { ConfigService } from '../../config/config.service';
import { ProvidersService } from '../../providers/providers.service';
import { AllHostersFailed } from '../../providers/errors/providers.errors';
import {
  attemptOf,
  type Candidate,
  StreamResolverService,
} from '../../providers/stream-resolver.service';
import { DownloadTargetService } from './download-target.service';
import {
  classifyHosterFailures,
  classifySiteError,
  type FailureKind,
  isUnreachableError,
  localFailureHint,
} from './retry-policy';
import { messageOf } from '../../common/errors';

export interface RunInput {
  series: AnimeSeriesEntity;
  episode: EpisodeEntity;
  /** The item's requested language; null uses the series' then the global preference. */
  language: LanguageCode | null;
  /** An upgrade: only languages ranked before the file's current one are tried. */
  upgrade: boolean;
  /** A fixed final path (download client items) instead of the library's naming template. */
  targetPath: string | null;
  signal: AbortSignal;
  onProgress(event: ProgressEvent): void;
  /** The path being written (so a cancel can remove its partial files), from where, in what. */
  onTarget(path: string, hoster: string, language: LanguageCode): void;
}

export type RunResult =
  | {
      outcome: 'completed';
      path: string;
      bytes: number;
      hoster: string;
      /** The language of the file, and the one wanted first when that is not it. */
      language: LanguageCode;
      fallbackFrom: LanguageCode | null;
      attempts: HosterAttempt[];
      /** The languages the site offers for the episode, as its page said during this run. */
      offered: LanguageCode[];
    }
  | {
      outcome: 'failed';
      offered?: LanguageCode[];
      kind: FailureKind;
      error: string;
      attempts: HosterAttempt[];
      /** Local failures: what the operator has to fix before resuming the queue. */
      hint?: string;
    };

/**
 * One download run of one episode: the site's hoster links in language then hoster order, each
 * resolved and downloaded until one delivers. A failing hoster is recorded with its reason and
 * the next one tried; an expired link or a challenge is re-resolved once before rotating.
 */
@Injectable()
export class EpisodeDownloadService {
  private readonly logger = new Logger(EpisodeDownloadService.name);

  constructor(
    private readonly providers: ProvidersService,
    private readonly resolver: StreamResolverService,
    private readonly targets: DownloadTargetService,
    private readonly config: ConfigService,
  ) {}

  /** The series' preference (its own, else the global one). */
  preferenceOf(series: AnimeSeriesEntity): readonly LanguageCode[] {
    return effectiveLanguages(series, this.config.config.downloads.language_preference);
  }

  /**
   * The languages a run tries, in order: the requested one alone; for an upgrade those ranked
   * before the file's current language; else the preference.
   */
  languagesFor(
    series: AnimeSeriesEntity,
    language: LanguageCode | null,
    upgradeOf?: LanguageCode | null,
  ): readonly LanguageCode[] {
    if (language) return [language];
    const preference = this.preferenceOf(series);
    if (upgradeOf === undefined) return preference;
    const rank = upgradeOf ? preference.indexOf(upgradeOf) : -1;
    return rank === -1 ? preference : preference.slice(0, rank);
  }

  async run(input: RunInput): Promise<RunResult> {
    const { series, episode, signal } = input;
    const what = `${series.name} ${episodeCode(episode.season, episode.episodeNumber)}`;
    let links;
    try {
      const details = await this.providers.onSite(series.site as SiteId, (site) =>
        site.getEpisode(series.key, episode.season, episode.episodeNumber, signal),
      );
      links = details.links;
    } catch (error) {
      if (signal.aborted) throw new Aborted();
      return {
        outcome: 'failed',
        kind: classifySiteError(error),
        error: `${series.site}: ${messageOf(error)}`,
        attempts: [],
      };
    }

    const offered = [...new Set(links.map((link) => languageCodeOf(link.language)))];
    const languages = this.languagesFor(
      series,
      input.language,
      input.upgrade ? episode.downloadedLanguage : undefined,
    );
    const candidates = this.resolver.candidates(links, languages);
    const attempts: HosterAttempt[] = [];
    const unreachable: boolean[] = [];
    for (const candidate of candidates) {
      try {
        const done = await this.tryCandidate(input, candidate);
        return {
          outcome: 'completed',
          ...done,
          language: candidate.language,
          // An explicitly requested language is what was asked for, never a fallback.
          fallbackFrom: input.language
            ? null
            : fallbackFrom(candidate.language, this.preferenceOf(series)),
          attempts,
          offered,
        };
      } catch (error) {
        if (signal.aborted) throw new Aborted();
        // Our disk, not the hoster: the next hoster would fail the same way.
        const hint = localFailureHint(error);
        if (hint)
          return {
            outcome: 'failed',
            kind: 'local',
            error: messageOf(error),
            hint,
            attempts,
            offered,
          };
        attempts.push(attemptOf(candidate, error));
        unreachable.push(isUnreachableError(error));
        this.logger.warn({
          msg: 'hoster failed, trying the next one',
          key: series.key,
          season: episode.season,
          episode: episode.episodeNumber,
          hoster: candidate.link.hoster,
          language: candidate.language,
          code: attempts[attempts.length - 1].error_code,
        });
      }
    }
    return {
      outcome: 'failed',
      kind: classifyHosterFailures(unreachable),
      error: candidates.length
        ? new AllHostersFailed(attempts, what).message
        : `${what} is not offered in ${labels(languages)} (the site has ${labels(offered) || 'no usable link'})`,
      attempts,
      offered,
    };
  }

  private async tryCandidate(
    input: RunInput,
    candidate: Candidate,
  ): Promise<{ path: string; bytes: number; hoster: string }> {
    let resolved = await this.resolver.resolve(candidate, input.signal);
    const spec = {
      series: input.series,
      episode: input.episode,
      language: candidate.language,
      hoster: resolved.hoster,
    };
    const target = input.targetPath ?? this.targets.pathFor({ ...spec, quality: null });
    input.onTarget(target, resolved.hoster, candidate.language);
    // An upgrade writes where the old file may be: that one is complete, but in the old language.
    const replacing = input.upgrade && target === input.episode.filePath;
    if (!replacing && (await isCompleteVideo(target))) {
      // A previous run finished the file but died before recording it.
      return { path: target, bytes: (await fs.stat(target)).size, hoster: resolved.hoster };
    }
    let result: DownloadResult;
    try {
      result = await this.fetch(resolved, target, input);
    } catch (error) {
      if (!(error instanceof LinkExpired) || input.signal.aborted) throw error;
      this.logger.log({ msg: 'link expired, resolving once more', hoster: resolved.hoster });
      resolved = await this.resolver.resolve(candidate, input.signal);
      result = await this.fetch(resolved, target, input);
    }
    // A fixed target is named after the release title Sonarr grabbed: it is not renamed.
    const path = input.targetPath
      ? result.path
      : await this.applyQuality(result, target, { ...spec, hoster: resolved.hoster });
    return { path, bytes: result.bytes, hoster: resolved.hoster };
  }

  private async fetch(
    resolved: ResolvedStream,
    target: string,
    input: RunInput,
  ): Promise<DownloadResult> {
    const settings = this.config.config.downloads;
    // download() creates the season folder itself and reports a refusal as PermissionDenied.
    return download(resolved.descriptor, target, {
      connections: settings.connections_per_download,
      bandwidthLimit: settings.bandwidth_limit ?? undefined,
      // A trickling CDN fails this hoster after about a window instead of downloading forever.
      minThroughput: {
        bytesPerSecond: settings.min_throughput_bytes_per_second,
        windowMs: settings.throughput_window_seconds * 1000,
      },
      verify: true,
      signal: input.signal,
      onProgress: input.onProgress,
      logger: this.downloadLogger(),
    });
  }

  /** `{quality}` is only known once the variant was chosen: the finished file is renamed. */
  private async applyQuality(
    result: DownloadResult,
    target: string,
    spec: Omit<Parameters<DownloadTargetService['pathFor']>[0], 'quality'>,
  ): Promise<string> {
    const height = result.variant?.height;
    if (!height || result.path !== target) return result.path;
    const withQuality = this.targets.pathFor({ ...spec, quality: height });
    if (withQuality === target) return target;
    await fs.rename(target, withQuality);
    return withQuality;
  }

  private downloadLogger(): DownloadLogger {
    return {
      debug: (message, meta) => this.logger.debug({ msg: message, ...meta }),
      info: (message, meta) => this.logger.debug({ msg: message, ...meta }),
      warn: (message, meta) => this.logger.warn({ msg: message, ...meta }),
    };
  }
}

const labels = (codes: readonly LanguageCode[]) =>
  codes.map((code) => LANGUAGE_LABELS[code]).join(', ');
