import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  type AnimeAddRequest,
  type AnimeUpdateRequest,
  type AnimeDetail,
  type AnimeEpisode,
  type AnimeListQuery,
  type AnimeSearchRequest,
  type AnimeSearchResult,
  type AnimeSeason,
  ANIME_SORT_FIELDS,
  type AnimeSortField,
  type AnimeSummary,
  LANGUAGE_CODES,
  type LanguageCode,
  type IgnoreFolderRequest,
  type MatchCandidate,
  type MatchFolderRequest,
  type Page,
  type RescanResponse,
  type ScanState,
  type ScanStatus,
  SITE_IDS,
  type SiteId,
  type UnmatchedFolder,
} from '@aniworld/contracts';
import { SERIES_KEY, SERIES_KEY_MESSAGE } from '../../common/dto/params.dto';
import { ProviderSearchResultDto } from '../../providers/dto/providers.dto';
import { ToInteger } from '../../common/dto/to-integer';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class AnimeListQueryDto implements AnimeListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  page_size?: number;

  @ApiPropertyOptional({ description: 'Matches name, alternative titles, key and folder' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: SITE_IDS })
  @IsOptional()
  @IsIn(SITE_IDS)
  site?: SiteId;

  @ApiPropertyOptional({ default: true, description: 'Only series with missing episodes' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  missing_only?: boolean;

  @ApiPropertyOptional({ enum: ANIME_SORT_FIELDS, default: 'name' })
  @IsOptional()
  @IsIn(ANIME_SORT_FIELDS)
  sort?: AnimeSortField;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class AnimeIdParamDto {
  @ApiProperty({
    description:
      'Series key, or its folder name (accepted for clients of the earlier Aniworld API)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/^[^/\\]+$/, { message: 'id must be a key or a folder name' })
  id!: string;
}

export class AnimeKeyParamDto {
  @ApiProperty({ example: 'sternenwanderer' })
  @Matches(SERIES_KEY, { message: SERIES_KEY_MESSAGE })
  key!: string;
}

export class DeleteAnimeQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Also delete the series folder and its files',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  delete_files?: boolean;
}

export class AnimeSearchRequestDto implements AnimeSearchRequest {
  @ApiProperty({ example: 'stern' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  query!: string;

  @ApiPropertyOptional({ enum: SITE_IDS, description: 'Default: both sites' })
  @IsOptional()
  @IsIn(SITE_IDS)
  site?: SiteId;
}

export class AnimeAddRequestDto implements AnimeAddRequest {
  @ApiPropertyOptional({ example: 'https://aniworld.to/anime/stream/sternenwanderer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  link?: string;

  @ApiPropertyOptional({ example: 'sternenwanderer' })
  @IsOptional()
  @Matches(SERIES_KEY, { message: SERIES_KEY_MESSAGE })
  key?: string;

  @ApiPropertyOptional({ enum: SITE_IDS })
  @IsOptional()
  @IsIn(SITE_IDS)
  site?: SiteId;

  @ApiPropertyOptional({
    description: 'Monitor the series (missing episodes queued automatically)',
  })
  @IsOptional()
  @IsBoolean()
  monitor?: boolean;
}

export class AnimeUpdateRequestDto implements AnimeUpdateRequest {
  @ApiPropertyOptional({
    enum: LANGUAGE_CODES,
    isArray: true,
    nullable: true,
    description: 'null or [] = the global preference; left out = unchanged',
  })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsArray()
  @ArrayUnique()
  @IsIn(LANGUAGE_CODES, { each: true })
  language_preference?: LanguageCode[] | null;

  @ApiPropertyOptional({
    description: 'Queue missing episodes automatically after scans and new-episode checks',
  })
  @IsOptional()
  @IsBoolean()
  monitored?: boolean;
}

export class MatchFolderRequestDto implements MatchFolderRequest {
  @ApiProperty({ example: 'Sternenwanderer (2019)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/^[^/\\]+$/, { message: 'folder must be a folder name, not a path' })
  folder!: string;

  @ApiProperty({ example: 'sternenwanderer' })
  @Matches(SERIES_KEY, { message: SERIES_KEY_MESSAGE })
  key!: string;

  @ApiProperty({ enum: SITE_IDS })
  @IsIn(SITE_IDS)
  site!: SiteId;
}

export class IgnoreFolderRequestDto implements IgnoreFolderRequest {
  @ApiProperty({ example: 'Unbekannt (2001)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/^[^/\\]+$/, { message: 'folder must be a folder name, not a path' })
  folder!: string;

  @ApiPropertyOptional({ default: true, description: 'false lists it again from the next scan on' })
  @IsOptional()
  @IsBoolean()
  ignored?: boolean;
}

export class AnimeEpisodeDto implements AnimeEpisode {
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ nullable: true, type: String }) title_de!: string | null;
  @ApiProperty({ nullable: true, type: String }) title_en!: string | null;
  @ApiProperty({ enum: LANGUAGE_CODES, isArray: true }) languages!: LanguageCode[];
  @ApiProperty() is_downloaded!: boolean;
  @ApiProperty({ nullable: true, type: String }) file_path!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'A .strm file in the library: present (not missing, never queued by itself), not downloaded; a download asked for replaces it',
  })
  strm_path!: string | null;
  @ApiProperty() queued!: boolean;
  @ApiProperty({
    nullable: true,
    enum: ['pending', 'downloading', 'failed'],
    description: 'Open queue item, or failed when its last item failed and it is still missing',
  })
  queue_status!: 'pending' | 'downloading' | 'failed' | null;
  @ApiProperty({ nullable: true, enum: LANGUAGE_CODES, description: 'Language of the file' })
  downloaded_language!: LanguageCode | null;
  @ApiProperty({ description: "On disk in a language other than the preference's first" })
  fallback!: boolean;
  @ApiProperty({
    nullable: true,
    enum: LANGUAGE_CODES,
    description: 'A more preferred language the site now offers (an upgrade can be queued)',
  })
  upgrade_language!: LanguageCode | null;
  @ApiProperty({ nullable: true, type: String, example: '2019-04-07' }) air_date!: string | null;
}

class AnimeSeasonDto implements AnimeSeason {
  @ApiProperty() season!: number;
  @ApiProperty({ type: [AnimeEpisodeDto] }) episodes!: AnimeEpisode[];
}

export class AnimeSummaryDto implements AnimeSummary {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty({ nullable: true, type: String }) folder!: string | null;
  @ApiProperty({ nullable: true, type: Number }) year!: number | null;
  @ApiProperty({ nullable: true, type: String }) cover_url!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Stored TMDB poster, a signed URL valid for 1 to 2 hours (no header needed)',
  })
  poster_url!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The poster in the list size' })
  poster_small_url!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() total_episodes!: number;
  @ApiProperty() downloaded_episodes!: number;
  @ApiProperty() missing_episodes!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'integer' } },
    example: { '1': [3, 4] },
  })
  missing!: Record<string, number[]>;
  @ApiProperty({ description: 'Missing episodes are queued automatically' }) monitored!: boolean;
  @ApiProperty() updated_at!: string;
}

export class AnimeDetailDto extends AnimeSummaryDto implements AnimeDetail {
  @ApiProperty({ type: [String] }) alt_titles!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Stored TMDB backdrop, signed' })
  fanart_url!: string | null;
  @ApiProperty({ type: [String] }) genres!: string[];
  @ApiProperty({ nullable: true, type: Number }) tmdb_id!: number | null;
  @ApiProperty({ nullable: true, type: Number }) tvdb_id!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'tt9000227' }) imdb_id!: string | null;
  @ApiProperty({ enum: LANGUAGE_CODES, isArray: true, nullable: true }) language_preference!:
    LanguageCode[] | null;
  @ApiProperty({ type: [AnimeSeasonDto] }) seasons!: AnimeSeason[];
}

export class AnimePageDto implements Page<AnimeSummary> {
  @ApiProperty({ type: [AnimeSummaryDto] }) items!: AnimeSummary[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() page_size!: number;
}

export class AnimeSearchResultDto extends ProviderSearchResultDto implements AnimeSearchResult {
  @ApiProperty() in_library!: boolean;
}

export class RescanResponseDto implements RescanResponse {
  @ApiProperty() scan_id!: string;
}

export class ScanStatusDto implements ScanStatus {
  @ApiProperty() scan_id!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed', 'cancelled'] }) state!: ScanState;
  @ApiProperty() started_at!: string;
  @ApiProperty({ nullable: true, type: String }) finished_at!: string | null;
  @ApiProperty() folders_total!: number;
  @ApiProperty() folders_done!: number;
  @ApiProperty() folders_unchanged!: number;
  @ApiProperty() series_matched!: number;
  @ApiProperty() unmatched!: number;
  @ApiProperty({ nullable: true, type: String }) current_folder!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

class MatchCandidateDto implements MatchCandidate {
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence!: number;
  @ApiProperty({ nullable: true, type: Number }) year!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'The series on its site' })
  url!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "Through the server's cover cache" })
  cover_url!: string | null;
}

export class UnmatchedFolderDto implements UnmatchedFolder {
  @ApiProperty() folder!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: Number }) year!: number | null;
  @ApiProperty() episode_files!: number;
  @ApiProperty({ type: [MatchCandidateDto] }) candidates!: MatchCandidate[];
}
