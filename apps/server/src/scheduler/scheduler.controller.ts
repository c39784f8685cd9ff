import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { JobRunAccepted, SchedulerResponse } from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import {
  JobNameParamDto,
  JobRunAcceptedDto,
  SchedulerResponseDto,
  SchedulerUpdateDto,
} from './dto/scheduler.dto';
import { SchedulerSettingsService } from './scheduler-settings.service';
import { SchedulerService } from './scheduler.service';
import { LIBRARY_RESCAN } from './jobs/library-rescan.job';

@ApiTags('scheduler')
@ApiBearerAuth()
@Controller('scheduler')
export class SchedulerController {
  constructor(
    private readonly settings: SchedulerSettingsService,
    private readonly scheduler: SchedulerService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Scheduler settings and every job with its last and next run (UTC)' })
  @ApiOkResponse({ type: SchedulerResponseDto })
  view(): Promise<SchedulerResponse> {
    return this.settings.view();
  }

  @Put()
  @ApiOperation({ summary: 'Change scheduler settings (any subset); next runs are recomputed' })
  @ApiOkResponse({ type: SchedulerResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  update(@Body() body: SchedulerUpdateDto): Promise<SchedulerResponse> {
    return this.settings.update(body);
  }

  @Post('trigger-rescan')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rescan the library now; monitored series get their missing episodes queued after',
  })
  @ApiAcceptedResponse({ type: JobRunAcceptedDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A scan is already running' })
  triggerRescan(): Promise<JobRunAccepted> {
    return this.scheduler.runNow(LIBRARY_RESCAN);
  }

  @Post('jobs/:name/run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a job now, outside its schedule (its next slot stays)' })
  @ApiAcceptedResponse({ type: JobRunAcceptedDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The job is running' })
  run(@Param() { name }: JobNameParamDto): Promise<JobRunAccepted> {
    return this.scheduler.runNow(name);
  }
}
