import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
  type HealthCheckResult,
  METADATA_MATCH_STATES,
  type MetadataMatchMethod,
  type MetadataMatchState,
  type MetadataRefreshResponse,
  type MetadataStatus,
  type MetadataWriteOutcome,
  type SeriesMetadata,
  type SetTmdbIdRequest,
  type SetTmdbKeyRequest,
  SITE_IDS,
  type SiteId,
  type TmdbCandidate,
} from '@aniworld/contracts';
import { ToInteger } from '../../common/dto/to-integer';
import { HealthCheckResultDto } from '../../health/dto/health.dto';

export class SetTmdbKeyRequestDto implements SetTmdbKeyRequest {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A TMDB v3 API key or v4 read access token; null removes the key',
  })
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MinLength(16)
  @MaxLength(1024)
  @Matches(/^[\x21-\x7e]+$/, { message: 'api_key must be printable ASCII without spaces' })
  api_key!: string | null;
}

export class SetTmdbIdRequestDto implements SetTmdbIdRequest {
  @ApiProperty({ example: 90227, description: 'The id in https://www.themoviedb.org/tv/<id>' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  tmdb_id!: number;
}

/** The query of an image URL: the signature the API handed out, or nothing (Bearer token). */
export class ArtworkQueryDto {
  @ApiPropertyOptional({ enum: ['small'], description: 'The list size (posters only)' })
  @IsOptional()
  @IsIn(['small'])
  size?: 'small';

  @ApiPropertyOptional({ description: 'Version of the image (cache busting), ignored otherwise' })
  @IsOptional()
  @Matches(/^[0-9a-f]{1,40}$/, { message: 'v must be a version from poster_url' })
  v?: string;

  @ApiPropertyOptional({ description: 'Expiry of a signed URL (Unix seconds)' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  exp?: number;

  @ApiPropertyOptional({ description: 'Signature of a signed URL' })
  @IsOptional()
  @Matches(/^[\w-]{1,64}$/, { message: 'sig must be the signature from poster_url' })
  sig?: string;
}

class TmdbCandidateDto implements TmdbCandidate {
  @ApiProperty() tmdb_id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) original_name!: string | null;
  @ApiProperty({ nullable: true, type: Number }) year!: number | null;
  @ApiProperty({ nullable: true, type: String }) overview!: string | null;
  @ApiProperty({ nullable: true, type: String }) poster_url!: string | null;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence!: number;
}

class MetadataWriteOutcomeDto implements MetadataWriteOutcome {
  @ApiProperty() at!: string;
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ enum: ['written', 'skipped', 'failed'] }) outcome!:
    'written' | 'skipped' | 'failed';
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: [String], example: ['tvshow.nfo', 'Season 01/season.nfo'] })
  written!: string[];
  @ApiProperty({ type: [String] }) kept!: string[];
}

export class SeriesMetadataDto implements SeriesMetadata {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty({ nullable: true, type: Number }) year!: number | null;
  @ApiProperty({ enum: METADATA_MATCH_STATES, nullable: true }) state!: MetadataMatchState | null;
  @ApiProperty({ enum: ['imdb', 'title', 'manual'], nullable: true })
  method!: MetadataMatchMethod | null;
  @ApiProperty({ nullable: true, type: Number }) confidence!: number | null;
  @ApiProperty({ nullable: true, type: Number }) tmdb_id!: number | null;
  @ApiProperty({ nullable: true, type: Number }) tvdb_id!: number | null;
  @ApiProperty({ nullable: true, type: String }) imdb_id!: string | null;
  @ApiProperty({ type: [TmdbCandidateDto] }) candidates!: TmdbCandidate[];
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String }) checked_at!: string | null;
  @ApiProperty({ type: MetadataWriteOutcomeDto, nullable: true })
  last_write!: MetadataWriteOutcome | null;
}

export class MetadataRefreshResponseDto implements MetadataRefreshResponse {
  @ApiProperty({ type: SeriesMetadataDto }) metadata!: SeriesMetadata;
  @ApiProperty() episodes!: number;
  @ApiProperty({ type: [String] }) written!: string[];
  @ApiProperty({ type: [String] }) kept!: string[];
}

export class MetadataStatusDto implements MetadataStatus {
  @ApiProperty() ready!: boolean;
  @ApiProperty() tmdb_api_key_set!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '…3f9a' }) api_key_hint!: string | null;
  @ApiProperty() api_key_from_env!: boolean;
  @ApiProperty({ type: [String] }) missing!: string[];
  @ApiProperty({ example: 'de-DE' }) language!: string;
  @ApiProperty() overwrite_nfo!: boolean;
  @ApiProperty({ type: HealthCheckResultDto }) check!: HealthCheckResult;
  @ApiProperty() uncertain!: number;
}
