import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { MetadataRefreshResponse, MetadataStatus, SeriesMetadata } from '@aniworld/contracts';
import { AnimeKeyParamDto } from '../anime/dto/anime.dto';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import {
  MetadataRefreshResponseDto,
  MetadataStatusDto,
  SeriesMetadataDto,
  SetTmdbIdRequestDto,
  SetTmdbKeyRequestDto,
} from './dto/metadata.dto';
import { MetadataQueryService } from './metadata-query.service';
import { MetadataWriterService } from './metadata-writer.service';

@ApiTags('metadata')
@ApiBearerAuth()
@Controller()
export class MetadataController {
  constructor(
    private readonly query: MetadataQueryService,
    private readonly writer: MetadataWriterService,
  ) {}

  @Get('metadata/status')
  @ApiOperation({
    summary: 'Whether TMDB metadata works and what is missing (the key itself is never shown)',
  })
  @ApiOkResponse({ type: MetadataStatusDto })
  status(): Promise<MetadataStatus> {
    return this.query.status();
  }

  @Put('metadata/tmdb-key')
  @ApiOperation({ summary: 'Set the TMDB API key (null removes it); checked with TMDB at once' })
  @ApiOkResponse({ type: MetadataStatusDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SECRET_FROM_ENV' })
  setKey(@Body() body: SetTmdbKeyRequestDto): Promise<MetadataStatus> {
    return this.query.setApiKey(body.api_key);
  }

  @Get('metadata/matches')
  @ApiOperation({ summary: 'Series whose TMDB match is uncertain, with candidates to confirm' })
  @ApiOkResponse({ type: [SeriesMetadataDto] })
  matches(): Promise<SeriesMetadata[]> {
    return this.query.uncertain();
  }

  @Get('anime/:key/metadata')
  @ApiOperation({ summary: "A series' TMDB match and its last metadata write" })
  @ApiOkResponse({ type: SeriesMetadataDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  forSeries(@Param() { key }: AnimeKeyParamDto): Promise<SeriesMetadata> {
    return this.query.forSeries(key);
  }

  @Put('anime/:key/metadata')
  @ApiOperation({ summary: 'Confirm a candidate or set the TMDB id by hand' })
  @ApiOkResponse({ type: SeriesMetadataDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TMDB_NOT_CONFIGURED' })
  setTmdbId(
    @Param() { key }: AnimeKeyParamDto,
    @Body() body: SetTmdbIdRequestDto,
  ): Promise<SeriesMetadata> {
    return this.query.setTmdbId(key, body.tmdb_id);
  }

  @Post('anime/:key/metadata/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Look the series up again and write its NFO files and artwork next to every episode on disk',
  })
  @ApiOkResponse({ type: MetadataRefreshResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TMDB_NOT_CONFIGURED' })
  refresh(@Param() { key }: AnimeKeyParamDto): Promise<MetadataRefreshResponse> {
    return this.writer.refresh(key);
  }
}
