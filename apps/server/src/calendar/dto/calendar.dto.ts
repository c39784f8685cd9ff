import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsOptional,
  IsString,
  Validate,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  CALENDAR_MAX_DAYS,
  type CalendarEntry,
  type CalendarEntryState,
  type CalendarQuery,
  type CalendarResponse,
  LANGUAGE_CODES,
  type LanguageCode,
  SITE_IDS,
  type SiteId,
} from '@aniworld/contracts';
import { isDay, spanDays } from '../calendar-rules';

@ValidatorConstraint({ name: 'isCalendarDay' })
class IsCalendarDay implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isDay(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a day written YYYY-MM-DD`;
  }
}

/** `to` is not before `from` and the span is at most {@link CALENDAR_MAX_DAYS} days. */
@ValidatorConstraint({ name: 'calendarSpan' })
class CalendarSpan implements ValidatorConstraintInterface {
  validate(to: unknown, args: ValidationArguments): boolean {
    const from = (args.object as CalendarQuery).from;
    if (typeof to !== 'string' || typeof from !== 'string' || !isDay(to) || !isDay(from))
      return true;
    const days = spanDays(from, to);
    return days >= 1 && days <= CALENDAR_MAX_DAYS;
  }

  defaultMessage(): string {
    return `to must be on or after from, at most ${CALENDAR_MAX_DAYS} days in all`;
  }
}

export class CalendarQueryDto implements CalendarQuery {
  @ApiPropertyOptional({
    description: 'First day, YYYY-MM-DD (default: Monday of this week, or `to` − 6 days)',
    example: '2026-09-28',
  })
  @IsOptional()
  @IsString()
  @Validate(IsCalendarDay)
  from?: string;

  @ApiPropertyOptional({
    description: `Last day, YYYY-MM-DD, inclusive; at most ${CALENDAR_MAX_DAYS} days after from`,
    example: '2026-10-04',
  })
  @IsOptional()
  @IsString()
  @Validate(IsCalendarDay)
  @Validate(CalendarSpan)
  to?: string;
}

export class CalendarEntryDto implements CalendarEntry {
  @ApiProperty({ example: '2026-09-30' }) date!: string;
  @ApiProperty({ nullable: true, type: String, example: '18:30' }) time!: string | null;
  @ApiProperty({ enum: ['released', 'announced'] }) release!: 'released' | 'announced';
  @ApiProperty() series_key!: string;
  @ApiProperty() series_name!: string;
  @ApiProperty({ enum: SITE_IDS }) site!: SiteId;
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ enum: LANGUAGE_CODES, isArray: true }) languages!: LanguageCode[];
  @ApiProperty({ enum: ['on_disk', 'queued', 'missing', 'upcoming'] })
  state!: CalendarEntryState;
}

export class CalendarResponseDto implements CalendarResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [CalendarEntryDto] }) entries!: CalendarEntry[];
  @ApiProperty() truncated!: boolean;
}
