import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  type ChannelSecrets,
  type ChannelSettings,
  type ChannelTestResult,
  NOTIFICATION_EVENTS,
  type NotificationChannel,
  type NotificationChannelCreate,
  type NotificationChannelUpdate,
  type NotificationEventId,
} from '@aniworld/contracts';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ChannelSettingsDto implements ChannelSettings {
  @ApiPropertyOptional({ example: 'https://example.org/hooks/aniworld' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'https://ntfy.sh' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'base_url must be an http(s) URL' })
  @MaxLength(2000)
  base_url?: string;

  @ApiPropertyOptional({ example: 'aniworld' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ example: '-100123456' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  chat_id?: string;
}

export class ChannelSecretsDto implements ChannelSecrets {
  @ApiPropertyOptional({ writeOnly: true, description: 'webhook HMAC key' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  secret?: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'ntfy/Telegram/Gotify token' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  token?: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'Discord webhook URL' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'webhook_url must be an http(s) URL' })
  @MaxLength(2000)
  webhook_url?: string;
}

/** In an update a secret may be null (removed). */
export class ChannelSecretsUpdateDto {
  @ApiPropertyOptional({ writeOnly: true, nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  secret?: string | null;

  @ApiPropertyOptional({ writeOnly: true, nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  token?: string | null;

  @ApiPropertyOptional({ writeOnly: true, nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsUrl(URL_OPTIONS, { message: 'webhook_url must be an http(s) URL' })
  @MaxLength(2000)
  webhook_url?: string | null;
}

export class NotificationChannelCreateDto implements NotificationChannelCreate {
  @ApiProperty({ example: 'Phone' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: CHANNEL_KINDS })
  @IsIn(CHANNEL_KINDS)
  kind!: ChannelKind;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ enum: NOTIFICATION_EVENTS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_EVENTS, { each: true })
  events!: NotificationEventId[];

  @ApiPropertyOptional({ type: ChannelSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelSettingsDto)
  settings?: ChannelSettingsDto;

  @ApiPropertyOptional({ type: ChannelSecretsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelSecretsDto)
  secrets?: ChannelSecretsDto;
}

export class NotificationChannelUpdateDto implements NotificationChannelUpdate {
  @ApiPropertyOptional({ example: 'Phone' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: NOTIFICATION_EVENTS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_EVENTS, { each: true })
  events?: NotificationEventId[];

  @ApiPropertyOptional({ type: ChannelSettingsDto, description: 'Replaces the settings' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelSettingsDto)
  settings?: ChannelSettingsDto;

  @ApiPropertyOptional({
    type: ChannelSecretsUpdateDto,
    description: 'Secrets left out stay; null removes one',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelSecretsUpdateDto)
  secrets?: ChannelSecretsUpdateDto;
}

export class ChannelIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class NotificationChannelDto implements NotificationChannel {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind!: ChannelKind;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ enum: NOTIFICATION_EVENTS, isArray: true }) events!: NotificationEventId[];
  @ApiProperty({ type: ChannelSettingsDto }) settings!: ChannelSettings;
  @ApiProperty({ enum: ['secret', 'token', 'webhook_url'], isArray: true })
  secrets_set!: (keyof ChannelSecrets)[];
  @ApiProperty() failing!: boolean;
  @ApiProperty() consecutive_failures!: number;
  @ApiProperty({ nullable: true, type: String }) last_error!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_error_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_success_at!: string | null;
  @ApiProperty() created_at!: string;
}

export class ChannelTestResultDto implements ChannelTestResult {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ nullable: true, type: Number }) status!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}
