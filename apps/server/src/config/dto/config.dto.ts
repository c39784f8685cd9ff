import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  type AppConfig,
  type ArrQbittorrentSettings,
  type ArrSettings,
  type ArrTorznabSettings,
  type ConfigBackup,
  type ConfigResponse,
  type ConfigUpdateResponse,
  type ConfigValidationResponse,
  type DownloadSettings,
  HOSTER_NAMES,
  type HosterName,
  LANGUAGE_CODES,
  type LanguageCode,
  LOG_LEVELS,
  type LoggingSettings,
  type LogLevel,
  type ProviderSettings,
  type QueueSettings,
  type SchedulerSettings,
  type SecuritySettings,
  type ServerSettings,
} from '@aniworld/contracts';
import { IsNamingTemplate } from './naming-template.validator';
import { IsTimeZone } from './time-zone.validator';
import { IsTrustedProxies } from './trusted-proxies.validator';

/**
 * The same classes validate a partial update (PUT, every field may be left out) and the merged
 * full configuration at start-up (defaults fill every field, so "left out" cannot happen there).
 * A field may be omitted, but an explicit `null` is only accepted where the contract allows it.
 */
const Omittable = (options?: ValidationOptions) =>
  ValidateIf((_o, value) => value !== undefined, options);
const Nullable = () => ValidateIf((_o, value) => value !== undefined && value !== null);

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ServerSettingsDto implements ServerSettings {
  @ApiProperty({ example: '0.0.0.0' })
  @Omittable()
  @IsString()
  @MinLength(1)
  host!: string;

  @ApiProperty({ example: 8000, minimum: 1, maximum: 65535 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @ApiProperty({ type: [String], example: ['http://localhost:4200'] })
  @Omittable()
  @IsArray()
  @IsUrl(URL_OPTIONS, {
    each: true,
    message: 'each CORS origin must be an http(s) URL such as http://localhost:3000',
  })
  cors_origins!: string[];

  @ApiProperty({
    type: [String],
    example: ['loopback'],
    description:
      'Proxies whose X-Forwarded-For is believed: loopback, linklocal, uniquelocal, addresses, CIDR ranges, or one number of hops. Empty: none (applies live)',
  })
  @Omittable()
  @IsTrustedProxies()
  trusted_proxies!: string[];
}

export class LoggingSettingsDto implements LoggingSettings {
  @ApiProperty({ enum: LOG_LEVELS })
  @Omittable()
  @IsIn(LOG_LEVELS)
  level!: LogLevel;
}

export class SecuritySettingsDto implements SecuritySettings {
  @ApiProperty({ minimum: 1, maximum: 8760 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(8760)
  session_ttl_hours!: number;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  auth_rate_limit_per_minute!: number;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100000)
  rate_limit_per_minute!: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100)
  lockout_threshold!: number;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  lockout_window_minutes!: number;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  lockout_cooldown_minutes!: number;
}

export class ProviderSettingsDto implements ProviderSettings {
  @ApiProperty({ example: 'https://aniworld.to' })
  @Omittable()
  @IsUrl(URL_OPTIONS)
  aniworld_base_url!: string;

  @ApiProperty({ example: 'https://serienstream.to' })
  @Omittable()
  @IsUrl(URL_OPTIONS)
  sto_base_url!: string;

  @ApiProperty()
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  user_agent!: string;

  @ApiProperty({ minimum: 0.1, maximum: 50 })
  @Omittable()
  @IsNumber()
  @Min(0.1)
  @Max(50)
  requests_per_second!: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10)
  retries!: number;

  @ApiProperty({ enum: HOSTER_NAMES, isArray: true })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(HOSTER_NAMES, { each: true })
  hoster_order!: HosterName[];

  @ApiProperty({ enum: HOSTER_NAMES, isArray: true })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(HOSTER_NAMES, { each: true })
  disabled_hosters!: HosterName[];

  @ApiProperty({ minimum: 0, maximum: 86400 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(86400)
  cache_ttl_seconds!: number;

  @ApiProperty({
    minimum: 65536,
    maximum: 104857600,
    description: 'Bytes, on the wire and inflated',
  })
  @Omittable()
  @IsInt()
  @Min(65536)
  @Max(104857600)
  max_response_bytes!: number;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(600)
  request_deadline_seconds!: number;
}

export class DownloadSettingsDto implements DownloadSettings {
  @ApiProperty({ minimum: 1, maximum: 16 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(16)
  concurrency!: number;

  @ApiProperty({ minimum: 1, maximum: 32 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(32)
  connections_per_download!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Bytes per second; null = unlimited' })
  @Nullable()
  @IsInt()
  @Min(1024)
  bandwidth_limit!: number | null;

  @ApiProperty({ minimum: 0, maximum: 20 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(20)
  max_retries!: number;

  @ApiProperty({ minimum: 1, maximum: 86400 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(86400)
  retry_backoff_seconds!: number;

  @ApiProperty({ example: '{series} - S{season:00}E{episode:00} - {title}.{ext}' })
  @Omittable()
  @IsNamingTemplate()
  naming_template!: string;

  @ApiProperty({ enum: LANGUAGE_CODES, isArray: true })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(LANGUAGE_CODES, { each: true })
  language_preference!: LanguageCode[];

  @ApiProperty({ minimum: 1, maximum: 1048576, description: 'Slower downloads fail as stalled' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1048576)
  min_throughput_bytes_per_second!: number;

  @ApiProperty({ minimum: 1, maximum: 3600 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(3600)
  throughput_window_seconds!: number;
}

export class QueueSettingsDto implements QueueSettings {
  @ApiProperty({ minimum: 1, maximum: 3650, example: 30 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(3650)
  keep_days!: number;
}

/** `HH:MM`, 00:00–23:59. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export class SchedulerSettingsDto implements SchedulerSettings {
  @ApiProperty()
  @Omittable()
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ example: '03:00', description: 'Daily rescan time, HH:MM (24 h)' })
  @Omittable()
  @IsString()
  @Matches(TIME_OF_DAY, { message: 'schedule_time must be a time of day HH:MM (00:00–23:59)' })
  schedule_time!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Europe/Berlin' })
  @Nullable()
  @IsString()
  @IsTimeZone()
  timezone!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 10080,
    description: 'Rescan every N minutes instead of daily; null = daily at schedule_time',
  })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(10080)
  interval_minutes!: number | null;

  @ApiProperty({ minimum: 1, maximum: 10080, example: 60 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10080)
  new_episodes_interval_minutes!: number;

  @ApiProperty({ minimum: 0, maximum: 10000, example: 50 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10000)
  max_auto_queue!: number;

  @ApiProperty({ minimum: 1, maximum: 3600, example: 120 })
  @Omittable()
  @IsNumber()
  @Min(1)
  @Max(3600)
  lease_seconds!: number;

  @ApiProperty({ minimum: 0.1, maximum: 300, example: 15 })
  @Omittable()
  @IsNumber()
  @Min(0.1)
  @Max(300)
  tick_seconds!: number;
}

export class ArrQbittorrentSettingsDto implements ArrQbittorrentSettings {
  @ApiProperty({ example: 'admin' })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  // HTTP Basic separates user and password with the first colon.
  @Matches(/^[^:\s]+$/, { message: 'username must not contain a colon or whitespace' })
  username!: string;
}

export class ArrTorznabSettingsDto implements ArrTorznabSettings {
  @ApiProperty({
    minimum: 100,
    maximum: 60000,
    example: 5000,
    description: 'Time a search may spend on live site lookups before answering from the cache',
  })
  @Omittable()
  @IsInt()
  @Min(100)
  @Max(60000)
  search_budget_ms!: number;
}

export class ArrSettingsDto implements ArrSettings {
  @ApiProperty({
    nullable: true,
    type: String,
    example: '/downloads',
    description: 'Root of the category folders; null = <DATA_DIR>/downloads',
  })
  @Nullable()
  @IsString()
  @Matches(/^(\/|[A-Za-z]:[\\/])/, { message: 'download_directory must be an absolute path' })
  download_directory!: string | null;

  @ApiProperty({ type: ArrQbittorrentSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ArrQbittorrentSettingsDto)
  qbittorrent!: ArrQbittorrentSettingsDto;

  @ApiProperty({ type: ArrTorznabSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ArrTorznabSettingsDto)
  torznab!: ArrTorznabSettingsDto;
}

export class AppConfigDto implements AppConfig {
  @ApiProperty({ nullable: true, type: String, example: '/anime' })
  @Nullable()
  @IsString()
  @Matches(/^(\/|[A-Za-z]:[\\/])/, { message: 'anime_directory must be an absolute path' })
  anime_directory!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'postgres://user@db:5432/aniworld',
    description:
      "postgres:// URL, or sqlite:///relative/path.db / sqlite:////absolute/path.db (the earlier version's form); null: SQLite in the data directory",
  })
  @Nullable()
  @Matches(/^(postgres(ql)?:\/\/\S+|sqlite:\/\/\/\S+)$/, {
    message:
      'database_url must be a postgres:// URL, sqlite:///path/to/file.db, or null for SQLite in the data directory',
  })
  database_url!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'redis://redis:6379' })
  @Nullable()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'redis_url must be a redis:// URL (or null)' })
  redis_url!: string | null;

  @ApiProperty({ type: ServerSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ServerSettingsDto)
  server!: ServerSettingsDto;

  @ApiProperty({ type: LoggingSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => LoggingSettingsDto)
  logging!: LoggingSettingsDto;

  @ApiProperty({ type: SecuritySettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => SecuritySettingsDto)
  security!: SecuritySettingsDto;

  @ApiProperty({ type: ProviderSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ProviderSettingsDto)
  providers!: ProviderSettingsDto;

  @ApiProperty({ type: DownloadSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => DownloadSettingsDto)
  downloads!: DownloadSettingsDto;

  @ApiProperty({ type: QueueSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => QueueSettingsDto)
  queue!: QueueSettingsDto;

  @ApiProperty({ type: SchedulerSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => SchedulerSettingsDto)
  scheduler!: SchedulerSettingsDto;
  @ApiProperty({ type: ArrSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ArrSettingsDto)
  arr!: ArrSettingsDto;
}

/** Body of PUT /api/config and POST /api/config/validate: any subset; sections merge. */
export class ConfigUpdateDto extends AppConfigDto {}

export class ConfigResponseDto implements ConfigResponse {
  @ApiProperty({ type: AppConfigDto })
  config!: AppConfig;

  @ApiProperty()
  master_password_configured!: boolean;

  @ApiProperty({ type: [String], example: ['server.port'] })
  overridden_by_env!: string[];

  @ApiProperty({ example: '/app/data' })
  data_dir!: string;
}

export class ConfigUpdateResponseDto extends ConfigResponseDto implements ConfigUpdateResponse {
  @ApiProperty({ type: [String], example: ['server.port'] })
  restart_required!: string[];

  @ApiProperty({ nullable: true, type: String, example: 'config-20261121T054800123Z.json' })
  backup!: string | null;
}

export class FieldErrorDto {
  @ApiProperty({ example: 'server.port' })
  field!: string;

  @ApiProperty({ type: [String] })
  errors!: string[];
}

export class ConfigValidationResponseDto implements ConfigValidationResponse {
  @ApiProperty()
  valid!: boolean;

  @ApiProperty({ type: [FieldErrorDto] })
  errors!: FieldErrorDto[];
}

export class ConfigBackupDto implements ConfigBackup {
  @ApiProperty({ example: 'config-20261121T054800123Z.json' })
  name!: string;

  @ApiProperty()
  created_at!: string;

  @ApiProperty()
  size_bytes!: number;
}
