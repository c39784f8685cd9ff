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
} from 'class-validator';
import {
  HOSTER_NAMES,
  type HosterAttempt,
  type HosterInfo,
  type HosterName,
  LANGUAGE_CODES,
  type LanguageCode,
  type LanguagePair,
  type ProviderEpisode,
  type ProviderEpisodeDetails,
  type ProviderFailure,
  type ProviderHosterLink,
  type ProviderNewEpisode,
  type ProviderSearchResult,
  type ProviderSeason,
  type ProviderSeries,
  type ProvidersOverview,
  type ResolveRequest,
  type ResolveResponse,
  SITE_IDS,
  type SiteId,
  type SiteInfo,
  type StreamDescriptor,
} from '@aniworld/contracts';
import { SERIES_KEY, SERIES_KEY_MESSAGE } from '../../common/dto/params.dto';
import { ToInteger } from '../../common/dto/to-integer';

export class SearchQueryDto {
  @ApiProperty({ example: 'goblin' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q!: string;
}

export class ResolveRequestDto implements ResolveRequest {
  @ApiProperty({ enum: SITE_IDS })
  @IsIn(SITE_IDS)
  site!: SiteId;

  @ApiProperty({ example: 'goblin-slayer' })
  @Matches(SERIES_KEY, { message: SERIES_KEY_MESSAGE })
  key!: string;

  @ApiProperty({ minimum: 0 })
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(1000)
  season!: number;

  @ApiProperty({ minimum: 0 })
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(100000)
  episode!: number;

  @ApiPropertyOptional({
    enum: LANGUAGE_CODES,
    description: 'Default: the configured language preference, in order',
  })
  @IsOptional()
  @IsIn(LANGUAGE_CODES)
  language?: LanguageCode;

  @ApiPropertyOptional({
    enum: HOSTER_NAMES,
    description: 'Default: every enabled hoster in the configured order',
  })
  @IsOptional()
  @IsIn(HOSTER_NAMES)
  hoster?: HosterName;
}

class ProviderFailureDto implements ProviderFailure {
  @ApiProperty() at!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class SiteInfoDto implements SiteInfo {
  @ApiProperty({ enum: SITE_IDS }) id!: SiteId;
  @ApiProperty() name!: string;
  @ApiProperty() base_url!: string;
  @ApiProperty({ nullable: true, type: String }) last_success_at!: string | null;
  @ApiProperty({ nullable: true, type: ProviderFailureDto }) last_failure!: ProviderFailure | null;
}

export class HosterInfoDto implements HosterInfo {
  @ApiProperty({ enum: HOSTER_NAMES }) name!: HosterName;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() order!: number;
  @ApiProperty({ nullable: true, type: String }) last_success_at!: string | null;
  @ApiProperty({ nullable: true, type: ProviderFailureDto }) last_failure!: ProviderFailure | null;
}

export class ProvidersOverviewDto implements ProvidersOverview {
  @ApiProperty({ type: [SiteInfoDto] }) sites!: SiteInfo[];
  @ApiProperty({ type: [HosterInfoDto] }) hosters!: HosterInfo[];
}

export class ProviderSearchResultDto implements ProviderSearchResult {
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String }) cover_url!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '(2020 - 2024)' }) years!: string | null;
}

class ProviderSeasonDto implements ProviderSeason {
  @ApiProperty({ description: '0 = films and specials' }) number!: number;
  @ApiProperty() url!: string;
}

export class ProviderSeriesDto implements ProviderSeries {
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty() key!: string;
  @ApiProperty() url!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) alt_titles!: string[];
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String] }) genres!: string[];
  @ApiProperty({ nullable: true, type: Number }) start_year!: number | null;
  @ApiProperty({ nullable: true, type: Number }) end_year!: number | null;
  @ApiProperty({ nullable: true, type: String }) cover_url!: string | null;
  @ApiProperty({ nullable: true, type: String }) imdb_id!: string | null;
  @ApiProperty({ nullable: true, type: Number }) fsk!: number | null;
  @ApiProperty({ type: [ProviderSeasonDto] }) seasons!: ProviderSeason[];
}

export class ProviderEpisodeDto implements ProviderEpisode {
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ nullable: true, type: String }) title_de!: string | null;
  @ApiProperty({ nullable: true, type: String }) title_en!: string | null;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) hosters!: string[];
  @ApiProperty({ nullable: true, enum: LANGUAGE_CODES, isArray: true }) languages!:
    LanguageCode[] | null;
}

class LanguagePairDto implements LanguagePair {
  @ApiProperty({ enum: ['german', 'english', 'japanese'] }) audio!: LanguagePair['audio'];
  @ApiProperty({ enum: ['german', 'english', 'japanese'], nullable: true })
  subtitles!: LanguagePair['subtitles'];
}

class ProviderHosterLinkDto implements ProviderHosterLink {
  @ApiProperty({ enum: HOSTER_NAMES, nullable: true }) hoster!: HosterName | null;
  @ApiProperty() hoster_label!: string;
  @ApiProperty({ type: LanguagePairDto }) language!: LanguagePair;
  @ApiProperty({ enum: LANGUAGE_CODES }) language_code!: LanguageCode;
  @ApiProperty() redirect_url!: string;
}

export class ProviderEpisodeDetailsDto implements ProviderEpisodeDetails {
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty() key!: string;
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ nullable: true, type: String }) title_de!: string | null;
  @ApiProperty({ nullable: true, type: String }) title_en!: string | null;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [ProviderHosterLinkDto] }) links!: ProviderHosterLink[];
}

export class ProviderNewEpisodeDto implements ProviderNewEpisode {
  @ApiProperty() key!: string;
  @ApiProperty() series_name!: string;
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: LANGUAGE_CODES, nullable: true }) language_code!: LanguageCode | null;
  @ApiProperty({ nullable: true, type: String }) date!: string | null;
}

class StreamDescriptorDto implements StreamDescriptor {
  @ApiProperty({ enum: ['hls', 'mp4'] }) kind!: 'hls' | 'mp4';
  @ApiProperty() url!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers!: Record<
    string,
    string
  >;
  @ApiPropertyOptional({
    type: 'array',
    items: {
      type: 'object',
      properties: { language: { type: 'string' }, url: { type: 'string' } },
    },
  })
  subtitles?: { language: string; url: string }[];
  @ApiPropertyOptional() expiresAt?: string;
}

export class HosterAttemptDto implements HosterAttempt {
  @ApiProperty() hoster!: string;
  @ApiProperty({ nullable: true, type: String }) language!: string | null;
  @ApiProperty() error_code!: string;
  @ApiProperty() error!: string;
  @ApiProperty() at!: string;
}

export class ResolveResponseDto implements ResolveResponse {
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty() key!: string;
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ enum: HOSTER_NAMES }) hoster!: HosterName;
  @ApiProperty({ enum: LANGUAGE_CODES }) language_code!: LanguageCode;
  @ApiProperty() embed_url!: string;
  @ApiProperty({ type: StreamDescriptorDto }) descriptor!: StreamDescriptor;
  @ApiProperty({ type: [HosterAttemptDto] }) attempts!: HosterAttempt[];
}
