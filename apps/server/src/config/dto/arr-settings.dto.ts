import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  type ArrQbittorrentSettings,
  type ArrSettings,
  type ArrTorznabSettings,
} from '@aniworld/contracts';
import { Omittable, Nullable } from './settings-validation';

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
