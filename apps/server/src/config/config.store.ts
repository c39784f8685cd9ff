import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig, ConfigBackup } from '@aniworld/contracts';
import { messageOf, ValidationFailedError } from '../common/errors';
import { type Plain, setPath } from './config.paths';
import { BackupNotFound, BackupNotJson } from './errors/config.errors';

/** What config.json holds: the settings plus the secrets the API never shows. */
export interface StoredConfig extends AppConfig {
  version: 1;
  secrets: StoredSecrets;
}

export interface StoredSecrets {
  jwt_secret_key: string;
  master_password_hash: string | null;
  /** File key `arr.api_key` (see SECTION_SECRETS). */
  arr_api_key: string;
  /** File key `arr.qbittorrent.password`. */
  qbittorrent_password: string;
  /** File key `metadata.tmdb_api_key`; null until the user sets one (never generated). */
  tmdb_api_key: string | null;
  /** File key `arr.strm.secret`: signs the URLs in `.strm` files (docs/strm.md). */
  strm_secret: string;
}

/**
 * Secrets that the file keeps inside their settings section, where a user editing config.json
 * looks for them (`arr.api_key` beside the other *arr settings), rather than under `secrets`.
 * In memory they sit with the other secrets so nothing that shows settings can leak them;
 * {@link toFileLayout} and the loader's `parseStored` move them between the two places.
 */
export const SECTION_SECRETS = [
  { secret: 'arr_api_key', path: 'arr.api_key', env: 'ARR_API_KEY' },
  { secret: 'qbittorrent_password', path: 'arr.qbittorrent.password', env: 'QBITTORRENT_PASSWORD' },
  { secret: 'tmdb_api_key', path: 'metadata.tmdb_api_key', env: 'TMDB_API_KEY' },
  { secret: 'strm_secret', path: 'arr.strm.secret', env: 'STRM_SECRET' },
] as const satisfies readonly { secret: keyof StoredSecrets; path: string; env: string }[];

export function toFileLayout(config: StoredConfig): Plain {
  const out = structuredClone(config) as unknown as Plain;
  const secrets = out['secrets'] as Plain;
  for (const { secret, path } of SECTION_SECRETS) {
    setPath(out, path, secrets[secret]);
    delete secrets[secret];
  }
  return out;
}

const BACKUP_NAME = /^config-\d{8}T\d{9}Z(?:-\d{1,3})?\.json$/;
/** Older backups beyond this many are pruned after each write. */
const KEEP_BACKUPS = 30;

export class ConfigFileError extends Error {}

/**
 * Reads and writes `<DATA_DIR>/config.json`. Writes are atomic (temp file, fsync, rename) and
 * keep the previous file as a timestamped backup in `<DATA_DIR>/config-backups/`.
 */
export class ConfigStore {
  readonly file: string;
  readonly backupDir: string;

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = join(dataDir, 'config.json');
    this.backupDir = join(dataDir, 'config-backups');
  }

  async read(): Promise<unknown | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ConfigFileError(
        `${this.file} is not valid JSON (${messageOf(error)}). Fix the file, or restore a backup from ${this.backupDir}.`,
      );
    }
  }

  /**
   * Writes the new config; returns the name of the backup made of the previous one. Secret-only
   * changes (a new password hash) pass `backup: false`: backups are for settings.
   */
  async write(
    config: StoredConfig,
    options: { backup: boolean } = { backup: true },
  ): Promise<string | null> {
    await fs.mkdir(this.dataDir, { recursive: true });
    const backup = options.backup ? await this.backupCurrent() : null;
    const tmp = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(toFileLayout(config), null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, this.file);
    await syncDir(this.dataDir);
    await this.prune();
    return backup;
  }

  /**
   * Copies config.json as it is to `config.legacy.json` (`config.legacy-<n>.json` when that
   * exists) in the data directory and returns the name: the earlier version's file, kept before
   * it is migrated.
   */
  async keepLegacy(): Promise<string> {
    for (let n = 0; n < 1000; n++) {
      const name = n === 0 ? 'config.legacy.json' : `config.legacy-${n}.json`;
      try {
        await fs.copyFile(this.file, join(this.dataDir, name), fsConstants.COPYFILE_EXCL);
        return name;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error('could not find a free name for the legacy config copy');
  }

  async listBackups(): Promise<ConfigBackup[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.backupDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const backups = await Promise.all(
      names
        .filter((name) => BACKUP_NAME.test(name))
        .map(async (name) => {
          const stat = await fs.stat(join(this.backupDir, name));
          return { name, created_at: stat.mtime.toISOString(), size_bytes: stat.size };
        }),
    );
    // Names sort chronologically by construction.
    return backups.sort((a, b) => b.name.localeCompare(a.name));
  }

  async readBackup(name: string): Promise<unknown> {
    assertBackupName(name);
    try {
      return JSON.parse(await fs.readFile(join(this.backupDir, name), 'utf8')) as unknown;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupNotFound(name);
      if (error instanceof SyntaxError) throw new BackupNotJson(name);
      throw error;
    }
  }

  private async backupCurrent(): Promise<string | null> {
    try {
      await fs.access(this.file, fsConstants.F_OK);
    } catch {
      return null;
    }
    await fs.mkdir(this.backupDir, { recursive: true, mode: 0o700 });
    const stamp = this.now().toISOString().replace(/[-:.]/g, '');
    for (let n = 0; n < 1000; n++) {
      const name = n === 0 ? `config-${stamp}.json` : `config-${stamp}-${n}.json`;
      try {
        await fs.copyFile(this.file, join(this.backupDir, name), fsConstants.COPYFILE_EXCL);
        return name;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error('could not find a free backup name');
  }

  private async prune(): Promise<void> {
    const backups = await this.listBackups();
    for (const old of backups.slice(KEEP_BACKUPS)) {
      await fs.rm(join(this.backupDir, old.name), { force: true });
    }
  }
}

export function assertBackupName(name: string): void {
  if (!BACKUP_NAME.test(name)) {
    throw new ValidationFailedError(
      [
        {
          field: 'name',
          errors: [
            'must be a backup name as listed by GET /api/config/backups (config-<timestamp>.json)',
          ],
        },
      ],
      `Invalid backup name '${name.slice(0, 80)}'`,
    );
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every platform lets a directory be fsynced; the rename is still atomic.
  }
}
