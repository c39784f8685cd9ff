import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  type EpisodeRef,
  type HosterAttempt,
  LANGUAGE_CODES,
  type LanguageCode,
  type Page,
  QUEUE_ITEM_STATUSES,
  QUEUE_LISTS,
  QUEUE_PRIORITIES,
  type QueueAddRequest,
  type QueueAddResponse,
  type QueueClearResponse,
  type QueueItem,
  type QueueItemIdsRequest,
  type QueueItemsQuery,
  type QueueList,
  type QueueItemStatus,
  type QueuePriority,
  type QueueProgress,
  type QueueReorderRequest,
  type QueueRetryRequest,
  type QueueStats,
  type QueueStatusResponse,
} from '@aniworld/contracts';
import { SERIES_KEY, SERIES_KEY_MESSAGE } from '../../common/dto/params.dto';
import { HosterAttemptDto } from '../../providers/dto/providers.dto';

export class EpisodeRefDto implements EpisodeRef {
  @ApiProperty({ minimum: 0, description: '0 holds films and specials' })
  @IsInt()
  @Min(0)
  @Max(1000)
  season!: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  episode!: number;
}

export class QueueAddRequestDto implements QueueAddRequest {
  @ApiProperty({ description: 'Series key (provider slug)', example: 'sternenwanderer' })
  @Matches(SERIES_KEY, { message: SERIES_KEY_MESSAGE })
  serie_id!: string;

  @ApiPropertyOptional({ description: 'Metadata only; the stored series folder is used' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  serie_folder?: string;

  @ApiPropertyOptional({ description: 'Metadata only' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  serie_name?: string;

  @ApiProperty({ type: [EpisodeRefDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => EpisodeRefDto)
  episodes!: EpisodeRefDto[];

  @ApiPropertyOptional({ enum: QUEUE_PRIORITIES, default: 'NORMAL' })
  @IsOptional()
  @IsIn(QUEUE_PRIORITIES)
  priority?: QueuePriority;

  @ApiPropertyOptional({
    enum: LANGUAGE_CODES,
    description:
      "Default: the series' language preference, else the global one. An episode the site does not offer in it is refused (400 naming the languages it has)",
  })
  @IsOptional()
  @IsIn(LANGUAGE_CODES)
  language?: LanguageCode;

  @ApiPropertyOptional({
    default: false,
    description:
      'Replace downloaded files in a less preferred language with the best more preferred one the site now offers; other episodes are skipped',
  })
  @IsOptional()
  @IsBoolean()
  upgrade?: boolean;
}

export class QueueItemIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  item_id!: string;
}

export class QueueItemIdsRequestDto implements QueueItemIdsRequest {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5000)
  @IsUUID(undefined, { each: true })
  item_ids!: string[];
}

export class QueueRetryRequestDto implements QueueRetryRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Empty: every failed item' })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID(undefined, { each: true })
  item_ids!: string[];

  @ApiPropertyOptional({
    default: false,
    description:
      'Start the attempts over. Without it, items that used all their retries are refused (409) or, when retrying every failed item, skipped',
  })
  @IsOptional()
  @IsBoolean()
  reset_attempts?: boolean;
}

export class QueueClearResponseDto implements QueueClearResponse {
  @ApiProperty({ description: 'How many completed items were removed' })
  removed!: number;
}

export class QueueReorderRequestDto implements QueueReorderRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  item_id!: string;

  @ApiProperty({
    minimum: 0,
    description: '0-based index in the pending list (GET /api/queue/items?list=pending)',
  })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  new_position!: number;
}

class QueueProgressDto implements QueueProgress {
  @ApiProperty({ nullable: true, type: Number }) percent!: number | null;
  @ApiProperty() bytes_done!: number;
  @ApiProperty({ nullable: true, type: Number }) bytes_total!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'MB/s' }) speed_mbps!: number | null;
  @ApiProperty({ nullable: true, type: Number }) eta_seconds!: number | null;
}

export class QueueItemDto implements QueueItem {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Series key' }) serie_id!: string;
  @ApiProperty({ nullable: true, type: String }) serie_folder!: string | null;
  @ApiProperty() serie_name!: string;
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ enum: QUEUE_ITEM_STATUSES }) status!: QueueItemStatus;
  @ApiProperty({ enum: QUEUE_PRIORITIES }) priority!: QueuePriority;
  @ApiProperty() position!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Requested language' })
  language!: string | null;
  @ApiProperty({ nullable: true, enum: LANGUAGE_CODES, description: 'Language of the file' })
  downloaded_language!: LanguageCode | null;
  @ApiProperty({
    nullable: true,
    enum: LANGUAGE_CODES,
    description: 'The language wanted first when the download fell back to a less preferred one',
  })
  fallback_from!: LanguageCode | null;
  @ApiProperty({ description: 'Replaces a file in a less preferred language' }) upgrade!: boolean;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) next_attempt_at!: string | null;
  @ApiProperty({ nullable: true, type: QueueProgressDto }) progress!: QueueProgress | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ type: [HosterAttemptDto] }) providers_tried!: HosterAttempt[];
  @ApiProperty({ nullable: true, type: String }) hoster!: string | null;
  @ApiProperty({ nullable: true, type: String }) file_path!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Download client category (items sent by Sonarr/Radarr)',
  })
  category!: string | null;
  @ApiProperty({ description: 'Held back from downloading (a paused torrent)' }) held!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty({ nullable: true, type: String }) started_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) completed_at!: string | null;
}

class QueueStatsDto implements QueueStats {
  @ApiProperty() total_items!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() active!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'MB/s' }) current_speed_mbps!: number;
  @ApiProperty() bytes_downloaded!: number;
}

export class QueueStatusResponseDto implements QueueStatusResponse {
  @ApiProperty() is_running!: boolean;
  @ApiProperty() is_paused!: boolean;
  @ApiProperty({ type: [QueueItemDto] }) active_downloads!: QueueItem[];
  @ApiProperty({ type: QueueStatsDto }) stats!: QueueStats;
}

export class QueueItemsQueryDto implements QueueItemsQuery {
  @ApiProperty({
    enum: QUEUE_LISTS,
    description: 'pending: queue order; completed, failed: most recently finished first',
  })
  @IsIn(QUEUE_LISTS)
  list!: QueueList;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  page_size?: number;
}

export class QueueItemPageDto implements Page<QueueItem> {
  @ApiProperty({ type: [QueueItemDto] }) items!: QueueItem[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() page_size!: number;
}

class SkippedEpisodeDto {
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty() reason!: string;
}

export class QueueAddResponseDto implements QueueAddResponse {
  @ApiProperty({ type: [QueueItemDto] }) added!: QueueItem[];
  @ApiProperty({ type: [SkippedEpisodeDto] }) skipped!: {
    season: number;
    episode: number;
    reason: string;
  }[];
}
