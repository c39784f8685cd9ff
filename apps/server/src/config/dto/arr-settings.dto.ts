import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsString,
  IsUrl,
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
  type ArrStrmSettings,
  type ArrTorznabSettings,
  STRM_MODES,
  type StrmMode,
} from '@aniworld/contracts';
import { Omittable, Nullable, URL_OPTIONS } from './settings-validation';

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

export class ArrStrmSettingsDto implements ArrStrmSettings {
  @ApiProperty({
    enum: STRM_MODES,
    example: 'off',
    description: 'Torznab offers no .strm releases (off), both kinds (both), or .strm only (only)',
  })
  @Omittable()
  @IsIn(STRM_MODES)
  mode!: StrmMode;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://aniworld.example.org',
    description:
      'Address media servers reach this server at, written into .strm files; null = the address of the request that wrote them',
  })
  @Nullable()
  @IsUrl(URL_OPTIONS)
  @MaxLength(500)
  // A path prefix is fine (a reverse proxy under /aniworld); a query or fragment is not.
  @Matches(/^[^?#]*$/, { message: 'public_base_url must not contain a query or fragment' })
  public_base_url!: string | null;

  @ApiProperty({
    minimum: 1,
    maximum: 1000,
    example: 32,
    description: 'Requests one client address may have running through the STRM proxy at once',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  max_requests_per_client!: number;
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

  @ApiProperty({ type: ArrStrmSettingsDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ArrStrmSettingsDto)
  strm!: ArrStrmSettingsDto;
}
