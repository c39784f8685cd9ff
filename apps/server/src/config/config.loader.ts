import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppConfig, defaultConfig, type FieldError } from '@aniworld/contracts';
import { flattenValidationErrors } from '../common/validation/validation';
import { ENV_BINDINGS } from './config.defaults';
import { deepMerge, getPath, isPlainObject, type Plain, setPath } from './config.paths';
import {
  ConfigStore,
  SECTION_SECRETS,
  type StoredConfig,
  type StoredSecrets,
} from './config.store';
import { isLegacyConfig, migrateLegacyConfig } from './legacy-config';
import { AppConfigDto } from './dto/config.dto';
import { messageOf } from '../common/errors';

export interface EnvOverlay {
  /** Parsed values by dotted config path. */
  values: Map<string, unknown>;
  /** Dotted path → the variable it came from. */
  sources: Map<string, string>;
  jwtSecret: string | null;
  /** ARR_API_KEY, QBITTORRENT_PASSWORD, STRM_SECRET: override the file's secret of that name. */
  sectionSecrets: Partial<Record<SectionSecret, string>>;
}

export type SectionSecret = (typeof SECTION_SECRETS)[number]['secret'];

/**
 * What a usable section secret looks like. The API key is as long as Sonarr's own (32 hex when
 * generated); 6 characters is qBittorrent's own minimum for its Web UI password. The TMDB key is
 * the user's own and optional (null until set): a v3 key has 32 hex characters, a v4 read access
 * token is a JWT of a few hundred. The STRM secret is an HMAC key like the JWT secret: 256 bits
 * when generated, at least 128 when set.
 */
const SECRET_RULES: Record<
  SectionSecret,
  { min: number; max: number; generate: (() => string) | null }
> = {
  arr_api_key: { min: 16, max: 256, generate: () => randomBytes(16).toString('hex') },
  qbittorrent_password: {
    min: 6,
    max: 256,
    generate: () => randomBytes(12).toString('base64url'),
  },
  tmdb_api_key: { min: 16, max: 1024, generate: null },
  strm_secret: { min: 22, max: 256, generate: () => randomBytes(32).toString('base64url') },
};

/** Only secrets the server makes itself can be generated; the others are refused. */
export function generateSectionSecret(secret: SectionSecret): string {
  const generate = SECRET_RULES[secret].generate;
  if (!generate) throw new Error(`${secret} is set by the user, not generated`);
  return generate();
}

export function secretProblem(secret: SectionSecret, value: unknown): string | null {
  const { min, max, generate } = SECRET_RULES[secret];
  if (value === null && generate === null) return null;
  if (typeof value !== 'string') return 'must be a string';
  if (value.length < min || value.length > max) return `must be ${min} to ${max} characters long`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(value)) return 'must not contain control characters';
  return null;
}

export interface LoadedConfig {
  dataDir: string;
  store: ConfigStore;
  stored: StoredConfig;
  env: EnvOverlay;
  effective: AppConfig;
  createdFile: boolean;
  /** What the first-start migration of the earlier version's config.json did (for the log). */
  migrated: string[];
}

/** Thrown at start-up: the message names every bad field, where it came from, and the fix. */
export class ConfigError extends Error {}

export function readEnvOverlay(env: NodeJS.ProcessEnv): EnvOverlay {
  const values = new Map<string, unknown>();
  const sources = new Map<string, string>();
  for (const binding of ENV_BINDINGS) {
    const raw = env[binding.env];
    if (raw === undefined || raw === '') continue;
    values.set(binding.path, binding.parse(raw));
    sources.set(binding.path, binding.env);
  }
  const jwtSecret = env['JWT_SECRET_KEY'] ? env['JWT_SECRET_KEY'] : null;
  const sectionSecrets: EnvOverlay['sectionSecrets'] = {};
  for (const { secret, path, env: name } of SECTION_SECRETS) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    sectionSecrets[secret] = raw;
    sources.set(path, name);
  }
  return { values, sources, jwtSecret, sectionSecrets };
}

export function applyEnv(config: AppConfig, overlay: EnvOverlay): AppConfig {
  const out = structuredClone(config) as unknown as Plain;
  for (const [path, value] of overlay.values) setPath(out, path, value);
  return out as unknown as AppConfig;
}

/** Validates a full or partial config; returns one entry per bad field. */
export function validateConfig(config: unknown): FieldError[] {
  if (!isPlainObject(config)) return [{ field: '(root)', errors: ['must be a JSON object'] }];
  const dto = plainToInstance(AppConfigDto, config);
  return flattenValidationErrors(
    validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
  );
}

export function generateSecret(): string {
  // 256 bits.
  return randomBytes(32).toString('base64url');
}

/**
 * Splits what a file holds into settings (validated like the API input) and secrets, the
 * section secrets (`arr.api_key`, …) included; their values are checked by the caller.
 */
export function parseStored(raw: Plain): {
  settings: Plain;
  secrets: Partial<Record<keyof StoredSecrets, unknown>>;
} {
  const { version: _version, secrets, ...rest } = raw;
  const settings = structuredClone(rest);
  const out: Partial<Record<keyof StoredSecrets, unknown>> = isPlainObject(secrets)
    ? { ...secrets }
    : {};
  for (const { secret, path } of SECTION_SECRETS) {
    const value = getPath(settings, path);
    if (value === undefined) continue;
    out[secret] = value;
    deletePath(settings, path);
  }
  return { settings, secrets: out };
}

function deletePath(obj: Plain, path: string): void {
  const keys = path.split('.');
  const parent = getPath(obj, keys.slice(0, -1).join('.'));
  if (isPlainObject(parent)) delete parent[keys[keys.length - 1]];
}

/**
 * Loads `<DATA_DIR>/config.json` (creating it with defaults and a fresh JWT secret on first
 * start), overlays the environment and validates the result. This and main.ts are the only
 * places that look at the environment.
 */
export async function loadConfig(env: NodeJS.ProcessEnv): Promise<LoadedConfig> {
  const dataDir = resolve(env['DATA_DIR'] || './data');
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `DATA_DIR ${dataDir} cannot be created (${messageOf(error)}). Fix: point DATA_DIR at a writable directory.`,
    );
  }
  const store = new ConfigStore(dataDir);
  const raw = await store.read().catch((error: Error) => {
    throw new ConfigError(error.message);
  });
  if (raw !== null && !isPlainObject(raw)) {
    throw new ConfigError(
      `${store.file} must hold a JSON object. Fix the file or delete it to start from defaults.`,
    );
  }
  let migrated: string[] = [];
  let legacy: Plain | null = null;
  if (raw !== null && isLegacyConfig(raw)) {
    legacy = raw;
    const kept = await store.keepLegacy();
    const migration = migrateLegacyConfig(raw);
    migrated = [
      `the earlier version's config.json was migrated; the original is kept as ${kept}`,
      ...migration.notes,
    ];
  }
  const { settings, secrets } = legacy
    ? { settings: migrateLegacyConfig(legacy).settings, secrets: {} }
    : parseStored(raw ?? {});

  const fileErrors = validateConfig(settings);
  if (fileErrors.length) {
    throw new ConfigError(
      describeErrors(
        fileErrors,
        (field) => `${field} in ${store.file}`,
        'Fix the value in the file',
      ),
    );
  }
  const overlay = readEnvOverlay(env);
  const merged = deepMerge(defaultConfig() as unknown as Plain, settings) as unknown as AppConfig;
  const effective = applyEnv(merged, overlay);
  const envErrors = validateConfig(effective);
  if (envErrors.length) {
    throw new ConfigError(
      describeErrors(
        envErrors,
        (field) =>
          overlay.sources.has(field)
            ? `environment variable ${overlay.sources.get(field)} (${field})`
            : field,
        'Fix the environment variable or the value in config.json',
      ),
    );
  }
  if (overlay.jwtSecret !== null && overlay.jwtSecret.length < 32) {
    throw new ConfigError(
      'JWT_SECRET_KEY is shorter than 32 characters. Fix: use at least 256 bits, e.g. `openssl rand -base64 32`, or unset it to let the server generate one.',
    );
  }

  const secretErrors: string[] = [];
  for (const { secret, path, env: name } of SECTION_SECRETS) {
    const fromFile = secrets[secret];
    const fileProblem = fromFile === undefined ? null : secretProblem(secret, fromFile);
    if (fileProblem) secretErrors.push(`  - ${path} in ${store.file}: ${fileProblem}`);
    const fromEnv = overlay.sectionSecrets[secret];
    const envProblem = fromEnv === undefined ? null : secretProblem(secret, fromEnv);
    if (envProblem) secretErrors.push(`  - environment variable ${name} (${path}): ${envProblem}`);
  }
  if (secretErrors.length) {
    throw new ConfigError(
      `Invalid configuration:\n${secretErrors.join('\n')}\nFix the value, or remove it to let the server generate one.`,
    );
  }

  const needsSecret =
    typeof secrets.jwt_secret_key !== 'string' || secrets.jwt_secret_key.length < 32;
  const missingSectionSecret = SECTION_SECRETS.some(({ secret }) => secrets[secret] === undefined);
  const stored: StoredConfig = {
    version: 1,
    ...merged,
    secrets: {
      jwt_secret_key: needsSecret ? generateSecret() : (secrets.jwt_secret_key as string),
      master_password_hash:
        typeof secrets.master_password_hash === 'string' ? secrets.master_password_hash : null,
      // Generated at first start like the JWT secret, so Sonarr can be set up without a restart.
      arr_api_key:
        (secrets.arr_api_key as string | undefined) ?? generateSectionSecret('arr_api_key'),
      qbittorrent_password:
        (secrets.qbittorrent_password as string | undefined) ??
        generateSectionSecret('qbittorrent_password'),
      tmdb_api_key: (secrets.tmdb_api_key as string | null | undefined) ?? null,
      strm_secret:
        (secrets.strm_secret as string | undefined) ?? generateSectionSecret('strm_secret'),
    },
  };
  const createdFile = raw === null;
  // Persist on first start, and whenever the file lacked a field (defaults filled, secret generated).
  if (
    createdFile ||
    needsSecret ||
    missingSectionSecret ||
    JSON.stringify(settings) !== JSON.stringify(stripSecrets(stored))
  ) {
    // The original of a migrated file is kept as it was (keepLegacy), not as a restorable backup.
    await store.write(stored, { backup: legacy === null });
  }
  return { dataDir, store, stored, env: overlay, effective, createdFile, migrated };
}

export function stripSecrets(stored: StoredConfig): AppConfig {
  const { version: _version, secrets: _secrets, ...settings } = stored;
  return settings;
}

function describeErrors(
  errors: FieldError[],
  where: (field: string) => string,
  fix: string,
): string {
  const lines = errors.map((e) => `  - ${where(e.field)}: ${e.errors.join('; ')}`);
  return `Invalid configuration:\n${lines.join('\n')}\n${fix}.`;
}
