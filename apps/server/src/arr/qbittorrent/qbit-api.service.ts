import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestBaseUrl } from '../../common/http/request-base-url';
import { ConfigService } from '../../config/config.service';
import { QbitAddService } from './qbit-add.service';
import { QbitCategoriesService } from './qbit-categories.service';
import { badRequest, QbitError } from './qbit-errors';
import { bool, field, type Fields, hashes, lines, list, num } from './qbit-form';
import { cookieValue, QbitSessionService, SESSION_COOKIE } from './qbit-session.service';
import { APP_VERSION, WEBAPI_VERSION } from './qbit-state';
import { QbitTorrentsService, type TorrentInfo } from './qbit-torrents.service';

export const OK = 'Ok.';
export const FAILS = 'Fails.';

type Uploaded = { buffer: Buffer }[] | Record<string, { buffer: Buffer }[]> | undefined;

/** Fields of a request: the query, then the urlencoded or multipart body over it. */
export function fieldsOf(req: Request): Fields {
  const body = (req.body ?? {}) as Fields;
  return { ...(req.query as Fields), ...(typeof body === 'object' ? body : {}) };
}

/**
 * Translates qBittorrent's form fields into calls of the services and their results into
 * qBittorrent's answers (`Ok.`, `Fails.`, JSON), so the controller stays one line per route.
 */
@Injectable()
export class QbitApiService {
  constructor(
    private readonly sessions: QbitSessionService,
    private readonly torrents: QbitTorrentsService,
    private readonly adder: QbitAddService,
    private readonly categories: QbitCategoriesService,
    private readonly config: ConfigService,
  ) {}

  async login(req: Request, res: Response): Promise<string> {
    const f = fieldsOf(req);
    const username = field(f, 'username');
    // A login that carries no form but valid HTTP Basic credentials is a login too.
    const outcome =
      username === undefined && this.sessions.basicAuthValid(req.headers.authorization)
        ? 'ok'
        : await this.sessions.login(
            req.ip ?? 'unknown',
            username ?? '',
            field(f, 'password') ?? '',
          );
    if (outcome === 'banned')
      throw new QbitError(
        403,
        'Your IP address has been banned after too many failed authentication attempts.',
      );
    if (outcome === 'fails') return FAILS;
    // The session cookie first: @ctrl/qbittorrent takes the name from the first pair.
    res.setHeader('Set-Cookie', [
      `${SESSION_COOKIE}=${this.sessions.issue()}; HttpOnly; Path=/; SameSite=Lax`,
    ]);
    return OK;
  }

  logout(req: Request): string {
    this.sessions.logout(cookieValue(req.headers.cookie, SESSION_COOKIE));
    return '';
  }

  webapiVersion(): string {
    return WEBAPI_VERSION;
  }

  version(): string {
    return APP_VERSION;
  }

  buildInfo(): Record<string, string | number> {
    // Honest: no Qt, libtorrent or Boost behind this surface.
    return {
      qt: 'none',
      libtorrent: 'none',
      boost: 'none',
      openssl: process.versions.openssl ?? '',
      zlib: process.versions.zlib ?? '',
      bitness: process.arch.includes('64') ? 64 : 32,
      platform: process.platform,
      app: 'Aniworld',
    };
  }

  /**
   * What Sonarr checks (ARR-PROTOCOLS §1.4/§1.6, see docs/arr-qbittorrent.md): DHT on (so a
   * magnet without trackers is accepted), queueing on, no removal at a ratio.
   */
  preferences(): Record<string, string | number | boolean> {
    const concurrency = this.config.config.downloads.concurrency;
    return {
      locale: 'en',
      save_path: this.categories.defaultSavePath,
      temp_path_enabled: false,
      temp_path: '',
      auto_tmm_enabled: false,
      torrent_content_layout: 'Original',
      start_paused_enabled: false,
      add_stopped_enabled: false,
      preallocate_all: false,
      incomplete_files_ext: false,
      queueing_enabled: true,
      max_active_downloads: concurrency,
      max_active_torrents: concurrency,
      max_active_uploads: 0,
      dont_count_slow_torrents: false,
      max_ratio_enabled: false,
      max_ratio: -1,
      max_ratio_act: 0,
      max_seeding_time_enabled: false,
      max_seeding_time: -1,
      max_inactive_seeding_time_enabled: false,
      max_inactive_seeding_time: -1,
      dht: true,
      pex: false,
      lsd: false,
      encryption: 0,
      anonymous_mode: false,
      dl_limit: this.config.config.downloads.bandwidth_limit ?? 0,
      up_limit: 0,
      web_ui_username: this.config.config.arr.qbittorrent.username,
      web_ui_port: this.config.config.server.port,
      web_ui_address: '*',
      bypass_local_auth: false,
      web_ui_csrf_protection_enabled: false,
      web_ui_host_header_validation_enabled: false,
    };
  }

  defaultSavePath(): string {
    return this.categories.defaultSavePath;
  }

  async transferInfo(): Promise<Record<string, string | number>> {
    const state = (await this.torrents.maindata())['server_state'] as Record<
      string,
      string | number
    >;
    return {
      connection_status: 'connected',
      dht_nodes: 0,
      dl_info_data: state['dl_info_data'],
      dl_info_speed: state['dl_info_speed'],
      dl_rate_limit: 0,
      up_info_data: 0,
      up_info_speed: 0,
      up_rate_limit: 0,
    };
  }

  info(req: Request): Promise<TorrentInfo[]> {
    const f = fieldsOf(req);
    return this.torrents.info({
      category: field(f, 'category'),
      hashes: hashes(f),
      filter: field(f, 'filter'),
      sort: field(f, 'sort'),
      reverse: bool(f, 'reverse'),
      limit: num(f, 'limit'),
      offset: num(f, 'offset'),
      tag: field(f, 'tag'),
    });
  }

  properties(req: Request): Promise<Record<string, unknown>> {
    return this.torrents.properties(requireHash(fieldsOf(req)));
  }

  files(req: Request): Promise<Record<string, unknown>[]> {
    return this.torrents.files(requireHash(fieldsOf(req)));
  }

  /** Our magnets and .torrents only; `Fails.` when nothing could be added (the reasons are logged). */
  async add(req: Request): Promise<string> {
    const f = fieldsOf(req);
    const uploads = filesOf((req as Request & { files?: Uploaded }).files);
    const urls = lines(f, 'urls');
    if (!urls.length && !uploads.length) throw badRequest('No torrents given');
    const outcome = await this.adder.add(
      { urls, files: uploads },
      {
        category: field(f, 'category')?.trim() ?? '',
        savePath: field(f, 'savepath')?.trim() || undefined,
        stopped: (bool(f, 'stopped') ?? bool(f, 'paused')) === true,
        baseUrl: requestBaseUrl(req),
      },
    );
    return outcome.added.length + outcome.existing.length > 0 ? OK : FAILS;
  }

  async delete(req: Request): Promise<string> {
    const f = fieldsOf(req);
    // qBittorrent requires deleteFiles; Sonarr leaves it out to keep the data: default false.
    await this.torrents.delete(hashes(f), bool(f, 'deleteFiles') === true);
    return '';
  }

  async hold(req: Request, held: boolean): Promise<string> {
    await this.torrents.hold(hashes(fieldsOf(req)), held);
    return '';
  }

  async setCategory(req: Request): Promise<string> {
    const f = fieldsOf(req);
    await this.torrents.setCategory(hashes(f), field(f, 'category')?.trim() ?? '');
    return '';
  }

  async topPrio(req: Request): Promise<string> {
    await this.torrents.topPriority(hashes(fieldsOf(req)));
    return '';
  }

  /** bottomPrio, increasePrio, decreasePrio: accepted; only "first" changes our order. */
  accept(): string {
    return '';
  }

  async setForceStart(req: Request): Promise<string> {
    const f = fieldsOf(req);
    await this.torrents.forceStart(hashes(f), bool(f, 'value') === true);
    return '';
  }

  /** Accepted and not stored: nothing is seeded, so every finished torrent has met any limit. */
  setShareLimits(req: Request): string {
    const f = fieldsOf(req);
    if (num(f, 'ratioLimit') === undefined || num(f, 'seedingTimeLimit') === undefined)
      throw badRequest('ratioLimit and seedingTimeLimit are required');
    return '';
  }

  async tags(req: Request, add: boolean): Promise<string> {
    const f = fieldsOf(req);
    await this.torrents.changeTags(hashes(f), list(f, 'tags'), add);
    return '';
  }

  listTags(): Promise<string[]> {
    return this.torrents.tags();
  }

  categoriesList(): Promise<Record<string, unknown>> {
    return this.categories.all();
  }

  async createCategory(req: Request): Promise<string> {
    const f = fieldsOf(req);
    await this.categories.create(field(f, 'category'), field(f, 'savePath'));
    return '';
  }

  async editCategory(req: Request): Promise<string> {
    const f = fieldsOf(req);
    await this.categories.edit(field(f, 'category'), field(f, 'savePath'));
    return '';
  }

  async removeCategories(req: Request): Promise<string> {
    await this.categories.remove(lines(fieldsOf(req), 'categories'));
    return '';
  }

  maindata(): Promise<Record<string, unknown>> {
    return this.torrents.maindata();
  }
}

function requireHash(f: Fields): string {
  const hash = field(f, 'hash')?.trim().toLowerCase();
  if (!hash) throw badRequest('hash is required');
  return hash;
}

/** Every uploaded file, whatever its field name (Sonarr: `torrents`, @ctrl/qbittorrent: `file`). */
function filesOf(files: Uploaded): Buffer[] {
  if (!files) return [];
  const all = Array.isArray(files) ? files : Object.values(files).flat();
  return all.map((f) => f.buffer);
}
