import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import {
  type JobOutcome,
  type JobRun,
  type JobRunAccepted,
  type SchedulerJob,
  type SchedulerResponse,
  type SchedulerSettings,
} from '@aniworld/contracts';
import { SchedulerSettingsDto } from '../../config/dto/scheduler-settings.dto';

/** Body of PUT /api/scheduler: any subset of the settings. */
export class SchedulerUpdateDto extends SchedulerSettingsDto {}

export class JobNameParamDto {
  @ApiProperty({ example: 'library_rescan' })
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'name must be a job name such as library_rescan' })
  name!: string;
}

export class JobRunDto implements JobRun {
  @ApiProperty()
  started_at!: string;

  @ApiProperty({ nullable: true, type: String })
  finished_at!: string | null;

  @ApiProperty({ nullable: true, enum: ['succeeded', 'failed', 'skipped'] })
  outcome!: JobOutcome | null;

  @ApiProperty({ nullable: true, type: Number })
  duration_ms!: number | null;

  @ApiProperty({ nullable: true, type: String })
  message!: string | null;
}

export class SchedulerJobDto implements SchedulerJob {
  @ApiProperty({ example: 'library_rescan' })
  name!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ example: 'daily 03:00 Europe/Berlin' })
  schedule!: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-12-07T02:00:00.000Z' })
  next_run!: string | null;

  @ApiProperty({ nullable: true, type: JobRunDto })
  last_run!: JobRun | null;

  @ApiProperty()
  running!: boolean;
}

export class SchedulerResponseDto implements SchedulerResponse {
  @ApiProperty({ type: SchedulerSettingsDto })
  settings!: SchedulerSettings;

  @ApiProperty({ type: [SchedulerJobDto] })
  jobs!: SchedulerJob[];
}

export class JobRunAcceptedDto implements JobRunAccepted {
  @ApiProperty({ example: 'library_rescan' })
  job!: string;

  @ApiProperty()
  message!: string;
}
