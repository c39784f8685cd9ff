import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  type DownloadSettings,
  HOSTER_NAMES,
  type HosterName,
  LANGUAGE_CODES,
  type LanguageCode,
  type ProviderSettings,
  type QueueSettings,
} from '@aniworld/contracts';
import { Omittable, Nullable, URL_OPTIONS } from './settings-validation';
import { IsNamingTemplate } from './naming-template.validator';

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

  @ApiProperty({
    enum: LANGUAGE_CODES,
    isArray: true,
    description: 'Most wanted first; downloads take the first language an episode has',
  })
  @Omittable()
  @IsArray()
  @ArrayNotEmpty({ message: 'language_preference needs at least one language' })
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
