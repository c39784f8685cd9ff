import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { StrmWriteResponse } from '@aniworld/contracts';
import { AnimeKeyParamDto } from '../anime/dto/anime.dto';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { RequestBaseUrl } from '../common/http/request-base-url';
import { StrmWriteRequestDto, StrmWriteResponseDto } from './dto/strm.dto';
import { StrmLibraryService } from './strm-library.service';

/** `.strm` files into the library, for the web app (session required); docs/strm.md. */
@ApiTags('strm')
@ApiBearerAuth()
@Controller('strm')
export class StrmController {
  constructor(private readonly library: StrmLibraryService) {}

  @Post('series/:key')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Write .strm files for a series or one season into the library instead of downloading',
  })
  @ApiOkResponse({ type: StrmWriteResponseDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'SERIES_NOT_FOUND, EPISODE_NOT_FOUND',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'DOWNLOADS_DISABLED (no usable anime directory)',
  })
  write(
    @Param() params: AnimeKeyParamDto,
    @Body() body: StrmWriteRequestDto,
    @RequestBaseUrl() base: string,
  ): Promise<StrmWriteResponse> {
    return this.library.write(params.key, body, base);
  }
}
