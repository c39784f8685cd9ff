import { isAbsolute } from 'node:path';
import { isPlainObject, type Plain } from './config.paths';

/**
 * The config.json of the earlier (Python) Aniworld: `name`, `data_dir`, `scheduler`,
 * `logging.level` in upper case, `backup`, `other.master_password_hash`,
 * `other.anime_directory`, and no `version`.
 */
export function isLegacyConfig(raw: Plain): boolean {
  return (
    raw['version'] === undefined &&
    ['other', 'data_dir', 'name', 'backup'].some((key) => raw[key] !== undefined)
  );
}

export interface LegacyMigration {
  /** Settings in this version's shape (validated like any config.json afterwards). */
  settings: Plain;
  /** What was kept, changed or dropped, for the log. */
  notes: string[];
}

const LEVELS: Record<string, string> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  WARN: 'warn',
  ERROR: 'error',
  CRITICAL: 'error',
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Keeps what this version can use: the anime directory, the log level and the schedule. The
 * password hash is of another scheme and is dropped: the owner runs the setup again.
 */
export function migrateLegacyConfig(raw: Plain): LegacyMigration {
  const settings: Plain = {};
  const notes: string[] = [];
  const other = isPlainObject(raw['other']) ? raw['other'] : {};

  const dir = other['anime_directory'];
  if (typeof dir === 'string' && isAbsolute(dir)) {
    settings['anime_directory'] = dir;
    notes.push(`anime directory kept: ${dir}`);
  } else if (dir !== undefined && dir !== null && dir !== '') {
    notes.push('anime directory dropped: not an absolute path; set ANIME_DIRECTORY or run setup');
  }

  const logging = isPlainObject(raw['logging']) ? raw['logging'] : {};
  const level = typeof logging['level'] === 'string' ? LEVELS[logging['level'].toUpperCase()] : '';
  if (level) settings['logging'] = { level };

  const scheduler = migrateSchedule(raw['scheduler']);
  if (scheduler) {
    settings['scheduler'] = scheduler;
    notes.push(`schedule kept: ${JSON.stringify(scheduler)}`);
  }

  if (typeof other['master_password_hash'] === 'string')
    notes.push(
      "the earlier version's master password cannot be carried over (another hash scheme): run the first-run setup again to set it (the web app, or POST /api/auth/setup)",
    );
  const dropped = Object.keys(raw).filter(
    (key) => !['other', 'logging', 'scheduler'].includes(key),
  );
  if (dropped.length)
    notes.push(
      `not used by this version, dropped: ${dropped.sort().join(', ')} (data lives in DATA_DIR)`,
    );
  return { settings, notes };
}

function migrateSchedule(value: unknown): Plain | null {
  if (!isPlainObject(value)) return null;
  const out: Plain = {};
  if (typeof value['enabled'] === 'boolean') out['enabled'] = value['enabled'];
  const time = value['schedule_time'];
  if (typeof time === 'string' && TIME.test(time.trim())) out['schedule_time'] = time.trim();
  const interval = value['interval_minutes'];
  if (
    typeof interval === 'number' &&
    Number.isInteger(interval) &&
    interval >= 1 &&
    interval <= 10080
  )
    out['interval_minutes'] = interval;
  if (typeof value['timezone'] === 'string' && value['timezone'].length <= 64)
    out['timezone'] = value['timezone'];
  return Object.keys(out).length ? out : null;
}
