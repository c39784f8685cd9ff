import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  ConfigBackup,
  ConfigResponse,
  ConfigUpdateResponse,
  ConfigValidationResponse,
} from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { ConfigService } from './config.service';
import {
  ConfigBackupDto,
  ConfigResponseDto,
  ConfigUpdateDto,
  ConfigUpdateResponseDto,
  ConfigValidationResponseDto,
} from './dto/config.dto';

@ApiTags('config')
@ApiBearerAuth()
@Controller('config')
export class ConfigController {
  constructor(private readonly config: ConfigService) {}

  @Get()
  @ApiOperation({ summary: 'The effective configuration (secrets never included)' })
  @ApiOkResponse({ type: ConfigResponseDto })
  get(): ConfigResponse {
    return this.config.view();
  }

  @Put()
  @ApiOperation({
    summary: 'Change settings; sections merge; the previous file is kept as a backup',
  })
  @ApiOkResponse({ type: ConfigUpdateResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  update(@Body() body: ConfigUpdateDto): Promise<ConfigUpdateResponse> {
    return this.config.update(body);
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a change without applying it' })
  @ApiBody({ type: ConfigUpdateDto })
  @ApiOkResponse({ type: ConfigValidationResponseDto })
  // A plain object on purpose: problems come back as `errors` with 200, not as a 400.
  validate(@Body() body: Record<string, unknown>): ConfigValidationResponse {
    return this.config.validate(body);
  }

  @Get('backups')
  @ApiOperation({ summary: 'Backups of earlier configurations, newest first' })
  @ApiOkResponse({ type: [ConfigBackupDto] })
  backups(): Promise<ConfigBackup[]> {
    return this.config.listBackups();
  }

  @Post('backups/:name/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a backup (the current file becomes a backup itself)' })
  @ApiOkResponse({ type: ConfigUpdateResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  restore(@Param('name') name: string): Promise<ConfigUpdateResponse> {
    return this.config.restore(name);
  }
}
