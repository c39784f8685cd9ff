import { Controller, Get, Header, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import { Public } from '../../auth/decorators/public.decorator';
import { ErrorResponseDto } from '../../common/dto/error-response.dto';
import { requestBaseUrl } from '../../common/http/request-base-url';
import { TorznabService, type TorrentDownload } from './torznab.service';

/**
 * The Torznab indexer for Sonarr, Radarr and Prowlarr, outside the /api prefix and outside the
 * session guard: it checks its own API key and answers errors as Torznab XML
 * (docs/arr-torznab.md). Not under the per-IP request limit of the web API: Sonarr pages up to
 * ten requests per search, several *arr apps often share one address, and a 429 makes Sonarr
 * disable the indexer; the key itself (128 random bits) is what keeps guessers out.
 */
@ApiTags('torznab')
@Public()
@SkipThrottle()
@Controller('torznab')
export class TorznabController {
  constructor(private readonly torznab: TorznabService) {}

  @Get('api')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Torznab API: t=caps|search|tvsearch|movie (XML; errors as <error> with HTTP 200)',
  })
  @ApiQuery({ name: 't', required: true, example: 'tvsearch' })
  @ApiQuery({ name: 'apikey', required: false, description: 'arr.api_key (not needed for caps)' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'caps, an RSS feed, or an error document', type: String })
  api(@Query() query: Record<string, unknown>, @Req() req: Request): Promise<string> {
    return this.torznab.api(query, requestBaseUrl(req));
  }

  @Get('dl/:file')
  @ApiOperation({ summary: 'The .torrent of a release (the link comes from a feed item)' })
  @ApiProduces('application/x-bittorrent')
  @ApiOkResponse({ description: 'bencoded torrent' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  download(
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
  ): StreamableFile {
    return torrentFile(this.torznab.torrent(file, query, requestBaseUrl(req)));
  }

  @Get('announce')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'Tracker stub named in magnets (for clients with DHT off): no peers, ever',
  })
  @ApiOkResponse({ description: 'bencoded announce answer without peers', type: String })
  announce(): string {
    return 'd8:intervali3600e5:peers0:e';
  }
}

function torrentFile(t: TorrentDownload): StreamableFile {
  return new StreamableFile(t.body, {
    type: 'application/x-bittorrent',
    disposition: `attachment; filename="${t.fileName}"`,
    length: t.body.length,
  });
}
