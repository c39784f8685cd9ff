import { Controller, Get, Header, Param, type StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/decorators/public.decorator';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { CoverCache } from './cover-cache.service';
import { CoverParamsDto } from './dto/covers.dto';

/**
 * Public but signed (see `CoverUrls`): an `<img>` carries no bearer token. Not rate limited: a
 * library page shows dozens at once, and a cached cover costs a file read.
 */
@ApiTags('covers')
@Controller('covers')
export class CoversController {
  constructor(private readonly covers: CoverCache) {}

  @Public()
  @SkipThrottle()
  @Get(':signature/:source')
  // The address changes with the site's URL, so what it names never changes.
  @Header('cache-control', 'public, max-age=31536000, immutable')
  @ApiOperation({
    summary:
      "A series cover from the server's cache (the browser never fetches the sites); cached for a year",
  })
  @ApiOkResponse({ description: 'The image' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not an address the server made' })
  cover(@Param() { signature, source }: CoverParamsDto): Promise<StreamableFile> {
    return this.covers.file(signature, source);
  }
}
