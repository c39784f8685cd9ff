import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { type SchedulerSettings } from '@aniworld/contracts';
import { Omittable, Nullable } from './settings-validation';
import { IsTimeZone } from './time-zone.validator';

/** `HH:MM`, 00:00–23:59. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export class SchedulerSettingsDto implements SchedulerSettings {
  @ApiProperty()
  @Omittable()
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ example: '03:00', description: 'Daily rescan time, HH:MM (24 h)' })
  @Omittable()
  @IsString()
  @Matches(TIME_OF_DAY, { message: 'schedule_time must be a time of day HH:MM (00:00–23:59)' })
  schedule_time!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Europe/Berlin' })
  @Nullable()
  @IsString()
  @IsTimeZone()
  timezone!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 10080,
    description: 'Rescan every N minutes instead of daily; null = daily at schedule_time',
  })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(10080)
  interval_minutes!: number | null;

  @ApiProperty({ minimum: 1, maximum: 10080, example: 60 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10080)
  new_episodes_interval_minutes!: number;

  @ApiProperty({ minimum: 0, maximum: 10000, example: 50 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10000)
  max_auto_queue!: number;

  @ApiProperty({ minimum: 1, maximum: 3600, example: 120 })
  @Omittable()
  @IsNumber()
  @Min(1)
  @Max(3600)
  lease_seconds!: number;

  @ApiProperty({ minimum: 0.1, maximum: 300, example: 15 })
  @Omittable()
  @IsNumber()
  @Min(0.1)
  @Max(300)
  tick_seconds!: number;
}
