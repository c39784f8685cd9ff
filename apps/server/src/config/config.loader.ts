import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppConfig, defaultConfig, type FieldError } from '@aniworld/contracts';
import { flattenValidationErrors } from '../common/validation/validation';
import { ENV_BINDINGS } from './config.defaults';
import { deepMerge, isPlainObject, type Plain, setPath } from './config.paths';
import { ConfigStore, type StoredConfig } from './config.store';
import { isLegacyConfig, migrateLegacyConfig } from './legacy-config';
import { AppConfigDto } from './dto/config.dto';

export interface EnvOverlay {
  /** Parsed values by dotted config path. */
  values: Map<string, unknown>;
  /** Dotted path → the variable it came from. */
  sources: Map<string, string>;
  jwtSecret: string | null;
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
  return { values, sources, jwtSecret };
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

/** Splits what a file holds into settings (validated like the API input) and secrets. */
export function parseStored(raw: Plain): {
  settings: Plain;
  secrets: Partial<StoredConfig['secrets']>;
} {
  const { version: _version, secrets, ...settings } = raw;
  return {
    settings,
    secrets: isPlainObject(secrets) ? (secrets as Partial<StoredConfig['secrets']>) : {},
  };
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
      `DATA_DIR ${dataDir} cannot be created (${(error as Error).message}). Fix: point DATA_DIR at a writable directory.`,
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

  const needsSecret =
    typeof secrets.jwt_secret_key !== 'string' || secrets.jwt_secret_key.length < 32;
  const stored: StoredConfig = {
    version: 1,
    ...merged,
    secrets: {
      jwt_secret_key: needsSecret ? generateSecret() : (secrets.jwt_secret_key as string),
      master_password_hash:
        typeof secrets.master_password_hash === 'string' ? secrets.master_password_hash : null,
    },
  };
  const createdFile = raw === null;
  // Persist on first start, and whenever the file lacked a field (defaults filled, secret generated).
  if (
    createdFile ||
    needsSecret ||
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
