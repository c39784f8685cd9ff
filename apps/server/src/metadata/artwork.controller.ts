import { Controller, Get, Param, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Public } from '../auth/decorators/public.decorator';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { AnimeKeyParamDto } from '../anime/dto/anime.dto';
import { ArtworkAccessService } from './artwork-access.service';
import { ArtworkQueryDto } from './dto/metadata.dto';

/**
 * The stored artwork. Public to the global guard and not rate limited: a poster grid loads dozens
 * of images at once, and `<img>` sends no header; {@link ArtworkAccessService} demands a signed
 * URL (`poster_url` of the API) or a session token instead (docs/metadata.md).
 */
@ApiTags('metadata')
@Public()
@SkipThrottle()
@Controller('anime')
export class ArtworkController {
  constructor(private readonly artwork: ArtworkAccessService) {}

  @Get(':key/poster')
  @ApiOperation({
    summary:
      'The stored TMDB poster (size=small for lists), by the signed poster_url or with a session; ETag and Cache-Control',
  })
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The image' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  poster(
    @Param() { key }: AnimeKeyParamDto,
    @Query() query: ArtworkQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    return this.artwork.serve(key, 'poster', query, req, res);
  }

  @Get(':key/fanart')
  @ApiOperation({ summary: 'The stored TMDB backdrop, like the poster' })
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The image' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  fanart(
    @Param() { key }: AnimeKeyParamDto,
    @Query() query: ArtworkQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    return this.artwork.serve(key, 'fanart', query, req, res);
  }
}
