import { Inject, Injectable, Logger } from '@nestjs/common';
import { join, resolve } from 'node:path';
import type {
  AppConfig,
  ConfigBackup,
  ConfigResponse,
  ConfigUpdate,
  ConfigUpdateResponse,
  ConfigValidationResponse,
} from '@aniworld/contracts';
import { ValidationFailedError } from '../common/errors';
import { DomainEvents } from '../common/events';
import { RESTART_REQUIRED_PATHS } from './config.defaults';
import {
  applyEnv,
  generateSectionSecret,
  type LoadedConfig,
  parseStored,
  secretProblem,
  type SectionSecret,
  stripSecrets,
  validateConfig,
} from './config.loader';
import { changedPaths, deepMerge, isPlainObject, type Plain } from './config.paths';
import type { StoredConfig } from './config.store';
import { SecretFromEnv } from './errors/config.errors';

export const LOADED_CONFIG = Symbol('LOADED_CONFIG');

const SQLITE_URL = 'sqlite:///';

export type DatabaseTarget = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

/**
 * The typed view of the configuration. Values are read through it at the moment they are needed,
 * so most changes made with PUT /api/config take effect without a restart.
 */
@Injectable()
export class ConfigService {
  private readonly logger = new Logger(ConfigService.name);
  /** Serialises writers: two PUTs at once must not interleave their read-modify-write. */
  private writing: Promise<unknown> = Promise.resolve();
  private readonly startup: AppConfig;

  constructor(
    @Inject(LOADED_CONFIG) private readonly loaded: LoadedConfig,
    private readonly events: DomainEvents,
  ) {
    this.startup = structuredClone(loaded.effective);
    for (const note of loaded.migrated) this.logger.warn({ msg: `config migration: ${note}` });
  }

  get config(): AppConfig {
    return this.loaded.effective;
  }

  get dataDir(): string {
    return this.loaded.dataDir;
  }

  get logDir(): string {
    return join(this.loaded.dataDir, 'logs');
  }

  get jwtSecret(): string {
    return this.loaded.env.jwtSecret ?? this.loaded.stored.secrets.jwt_secret_key;
  }

  /** The Torznab API key: ARR_API_KEY, else `arr.api_key` of config.json. */
  get arrApiKey(): string {
    return this.sectionSecret('arr_api_key');
  }

  /** The qBittorrent surface's password: QBITTORRENT_PASSWORD, else `arr.qbittorrent.password`. */
  get qbittorrentPassword(): string {
    return this.sectionSecret('qbittorrent_password');
  }

  /** Signs the URLs of `.strm` files: STRM_SECRET, else `arr.strm.secret`. Never shown by the API. */
  get strmSecret(): string {
    return this.sectionSecret('strm_secret');
  }

  /** Root of the download client's category folders (`arr.download_directory`). */
  get arrDownloadDirectory(): string {
    return this.config.arr.download_directory ?? join(this.dataDir, 'downloads');
  }

  /** Whether an environment variable sets this secret (then the app cannot regenerate it). */
  sectionSecretFromEnv(secret: SectionSecret): boolean {
    return this.loaded.env.sectionSecrets[secret] !== undefined;
  }

  /**
   * Replaces a generated secret with a fresh one and returns it. Refused when the environment
   * sets it: the file's value would be written but never used, which would only mislead.
   */
  async regenerateSectionSecret(secret: SectionSecret): Promise<string> {
    const value = generateSectionSecret(secret);
    await this.storeSectionSecret(secret, value);
    this.logger.log({ msg: 'secret regenerated', secret });
    return value;
  }

  /**
   * Stores a secret the user chooses (the TMDB key), or removes it with null; the value has been
   * validated by the caller's DTO and is checked again by the loader's rule. Refused when the
   * environment sets it, as above.
   */
  async setSectionSecret(secret: SectionSecret, value: string | null): Promise<void> {
    const problem = secretProblem(secret, value);
    if (problem) throw new ValidationFailedError([{ field: secret, errors: [problem] }]);
    await this.storeSectionSecret(secret, value);
    this.logger.log({ msg: value === null ? 'secret removed' : 'secret set', secret });
  }

  private async storeSectionSecret(secret: SectionSecret, value: string | null): Promise<void> {
    if (this.sectionSecretFromEnv(secret)) throw new SecretFromEnv(secret);
    await this.serialised(async () => {
      const stored: StoredConfig = {
        ...this.loaded.stored,
        secrets: { ...this.loaded.stored.secrets, [secret]: value },
      };
      await this.loaded.store.write(stored, { backup: false });
      this.loaded.stored = stored;
    });
  }

  /** The TMDB API key: TMDB_API_KEY, else `metadata.tmdb_api_key` of config.json; null if unset. */
  get tmdbApiKey(): string | null {
    return this.loaded.env.sectionSecrets.tmdb_api_key ?? this.loaded.stored.secrets.tmdb_api_key;
  }

  private sectionSecret(secret: 'arr_api_key' | 'qbittorrent_password' | 'strm_secret'): string {
    return this.loaded.env.sectionSecrets[secret] ?? this.loaded.stored.secrets[secret];
  }

  get passwordHash(): string | null {
    return this.loaded.stored.secrets.master_password_hash;
  }

  /**
   * `sqlite:///./data/aniworld.db` (the earlier version's default, SQLAlchemy's form: three
   * slashes and a path relative to the working directory, four for an absolute one) is SQLite at
   * that path.
   */
  get database(): DatabaseTarget {
    const url = this.config.database_url;
    if (url?.startsWith(SQLITE_URL))
      return { type: 'sqlite', path: resolve(url.slice(SQLITE_URL.length)) };
    return url
      ? { type: 'postgres', url }
      : { type: 'sqlite', path: join(this.dataDir, 'aniworld.db') };
  }

  view(): ConfigResponse {
    return {
      config: this.config,
      master_password_configured: this.passwordHash !== null,
      overridden_by_env: [...this.loaded.env.sources.keys()].sort(),
      data_dir: this.dataDir,
    };
  }

  validate(update: ConfigUpdate | Record<string, unknown>): ConfigValidationResponse {
    const errors = validateConfig(this.mergedWith(update));
    return { valid: errors.length === 0, errors };
  }

  async update(update: ConfigUpdate): Promise<ConfigUpdateResponse> {
    return this.serialised(async () => {
      const next = this.mergedWith(update);
      const errors = validateConfig(next);
      if (errors.length) throw new ValidationFailedError(errors);
      return this.commit(next, 'update');
    });
  }

  listBackups(): Promise<ConfigBackup[]> {
    return this.loaded.store.listBackups();
  }

  /**
   * Brings back a backup's settings. Secrets are not rolled back: restoring an old file must not
   * drop the master password or invalidate every session.
   */
  async restore(name: string): Promise<ConfigUpdateResponse> {
    return this.serialised(async () => {
      const raw = await this.loaded.store.readBackup(name);
      if (!isPlainObject(raw))
        throw new ValidationFailedError([
          { field: 'name', errors: ['backup does not hold a JSON object'] },
        ]);
      const { settings } = parseStored(raw);
      const next = deepMerge(
        stripSecrets(this.loaded.stored) as unknown as Plain,
        settings,
      ) as unknown as AppConfig;
      const errors = validateConfig(next);
      if (errors.length)
        throw new ValidationFailedError(errors, `Backup '${name}' holds an invalid configuration`);
      return this.commit(next, `restore ${name}`);
    });
  }

  async setPasswordHash(hash: string): Promise<void> {
    await this.serialised(async () => {
      const stored: StoredConfig = {
        ...this.loaded.stored,
        secrets: { ...this.loaded.stored.secrets, master_password_hash: hash },
      };
      await this.loaded.store.write(stored, { backup: false });
      this.loaded.stored = stored;
    });
  }

  private async commit(next: AppConfig, reason: string): Promise<ConfigUpdateResponse> {
    const before = this.loaded.effective;
    const current = stripSecrets(this.loaded.stored) as unknown as Plain;
    // A change that changes nothing writes nothing: no-op saves must not push the real backups out.
    if (changedPaths(current, next as unknown as Plain).length === 0)
      return { ...this.view(), restart_required: this.pendingRestart(), backup: null };
    const stored: StoredConfig = { version: 1, ...next, secrets: this.loaded.stored.secrets };
    const backup = await this.loaded.store.write(stored);
    this.loaded.stored = stored;
    this.loaded.effective = applyEnv(next, this.loaded.env);
    const changed = changedPaths(
      before as unknown as Plain,
      this.loaded.effective as unknown as Plain,
    );
    this.logger.log({ msg: 'configuration changed', reason, changed, backup });
    if (changed.length)
      this.events.emit('config.changed', { config: this.loaded.effective, changed });
    return { ...this.view(), restart_required: this.pendingRestart(), backup };
  }

  /** Settings read once at start whose effective value has changed since. */
  private pendingRestart(): string[] {
    const since = changedPaths(
      this.startup as unknown as Plain,
      this.loaded.effective as unknown as Plain,
    );
    return RESTART_REQUIRED_PATHS.filter((path) => since.includes(path));
  }

  private mergedWith(update: ConfigUpdate | Record<string, unknown>): AppConfig {
    const current = stripSecrets(this.loaded.stored) as unknown as Plain;
    return deepMerge(current, toPlain(update)) as unknown as AppConfig;
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writing.then(work, work);
    this.writing = run.catch(() => undefined);
    return run;
  }
}

/** DTO instances → plain objects (class-transformer instances merge like plain ones otherwise). */
function toPlain(update: ConfigUpdate | Record<string, unknown>): Plain {
  return JSON.parse(JSON.stringify(update ?? {})) as Plain;
}
