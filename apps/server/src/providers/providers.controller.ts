import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  ProviderEpisode,
  ProviderEpisodeDetails,
  ProviderNewEpisode,
  ProviderSearchResult,
  ProviderSeries,
  ProvidersOverview,
  ResolveResponse,
} from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { ClientSignal } from '../common/http/client-signal';
import {
  EpisodeParamsDto,
  SeasonParamsDto,
  SeriesParamsDto,
  SiteParamDto,
} from '../common/dto/params.dto';
import {
  ProviderEpisodeDetailsDto,
  ProviderEpisodeDto,
  ProviderNewEpisodeDto,
  ProviderSearchResultDto,
  ProviderSeriesDto,
  ProvidersOverviewDto,
  ResolveRequestDto,
  ResolveResponseDto,
  SearchQueryDto,
} from './dto/providers.dto';
import { ProviderBrowseService } from './provider-browse.service';
import { ProvidersService } from './providers.service';

/** Browsing the sites as they are, for the web app and for diagnosis. Provider failures are 502s. */
@ApiTags('providers')
@ApiBearerAuth()
@ApiBadGatewayResponse({
  type: ErrorResponseDto,
  description: 'CHALLENGE_REQUIRED, PARSE_FAILED, UPSTREAM_ERROR, …',
})
@Controller('providers')
export class ProvidersController {
  constructor(
    private readonly providers: ProvidersService,
    private readonly browse: ProviderBrowseService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Sites and hosters with their last success and failure' })
  @ApiOkResponse({ type: ProvidersOverviewDto })
  overview(): ProvidersOverview {
    return this.providers.overview();
  }

  @Get(':site/search')
  @ApiOperation({ summary: 'Search one site' })
  @ApiOkResponse({ type: [ProviderSearchResultDto] })
  search(
    @Param() { site }: SiteParamDto,
    @Query() { q }: SearchQueryDto,
    @ClientSignal() signal: AbortSignal,
  ): Promise<ProviderSearchResult[]> {
    return this.browse.search(site, q, signal);
  }

  @Get(':site/new-episodes')
  @ApiOperation({ summary: "The site's list of new episodes (aniworld)" })
  @ApiOkResponse({ type: [ProviderNewEpisodeDto] })
  newEpisodes(
    @Param() { site }: SiteParamDto,
    @ClientSignal() signal: AbortSignal,
  ): Promise<ProviderNewEpisode[]> {
    return this.browse.newEpisodes(site, signal);
  }

  @Get(':site/series/:key')
  @ApiOperation({ summary: 'Series details and seasons (0 = films)' })
  @ApiOkResponse({ type: ProviderSeriesDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  series(
    @Param() { site, key }: SeriesParamsDto,
    @ClientSignal() signal: AbortSignal,
  ): Promise<ProviderSeries> {
    return this.browse.series(site, key, signal);
  }

  @Get(':site/series/:key/seasons/:season')
  @ApiOperation({ summary: 'Episodes of a season' })
  @ApiOkResponse({ type: [ProviderEpisodeDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  season(
    @Param() { site, key, season }: SeasonParamsDto,
    @ClientSignal() signal: AbortSignal,
  ): Promise<ProviderEpisode[]> {
    return this.browse.season(site, key, season, signal);
  }

  @Get(':site/series/:key/seasons/:season/episodes/:episode')
  @ApiOperation({ summary: 'Hoster links of an episode with their languages' })
  @ApiOkResponse({ type: ProviderEpisodeDetailsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  episode(
    @Param() { site, key, season, episode }: EpisodeParamsDto,
    @ClientSignal() signal: AbortSignal,
  ): Promise<ProviderEpisodeDetails> {
    return this.browse.episode(site, key, season, episode, signal);
  }

  @Post('resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve an episode to a stream descriptor (diagnosis): redirect → hoster → extractor',
  })
  @ApiOkResponse({ type: ResolveResponseDto })
  resolve(
    @Body() body: ResolveRequestDto,
    @ClientSignal() signal: AbortSignal,
  ): Promise<ResolveResponse> {
    return this.browse.resolve(body, signal);
  }
}
