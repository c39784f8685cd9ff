import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, Matches, ValidateNested } from 'class-validator';
import {
  type AppConfig,
  type ConfigBackup,
  type ConfigResponse,
  type ConfigUpdateResponse,
  type ConfigValidationResponse,
} from '@aniworld/contracts';
import { Omittable, Nullable } from './settings-validation';
import { ServerSettingsDto, LoggingSettingsDto, SecuritySettingsDto } from './server-settings.dto';
import {
  ProviderSettingsDto,
  DownloadSettingsDto,
  QueueSettingsDto,
} from './provider-settings.dto';
import { SchedulerSettingsDto } from './scheduler-settings.dto';
import { ArrSettingsDto } from './arr-settings.dto';
import { MetadataSettingsDto } from './metadata-settings.dto';

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

  @ApiProperty({ type: MetadataSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => MetadataSettingsDto)
  metadata!: MetadataSettingsDto;
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
