import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ArrCredentials } from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { ArrCredentialsService } from './arr-credentials.service';
import { ArrCredentialsDto, ArrRegenerateRequestDto } from './dto/arr.dto';

/** Settings of the Sonarr/Radarr/Prowlarr integration, for the web app (session required). */
@ApiTags('arr')
@ApiBearerAuth()
@Controller('arr')
export class ArrController {
  constructor(private readonly credentials: ArrCredentialsService) {}

  @Get('credentials')
  @ApiOperation({ summary: 'Torznab API key and qBittorrent credentials, in clear' })
  @ApiOkResponse({ type: ArrCredentialsDto })
  get(): ArrCredentials {
    return this.credentials.credentials();
  }

  @Post('credentials/regenerate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the API key or the qBittorrent password with a new one' })
  @ApiOkResponse({ type: ArrCredentialsDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SECRET_FROM_ENV' })
  regenerate(@Body() body: ArrRegenerateRequestDto): Promise<ArrCredentials> {
    return this.credentials.regenerate(body.secret);
  }
}
