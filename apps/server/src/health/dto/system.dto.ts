import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  LOG_LEVELS,
  type LogLevel,
  type LogLine,
  type RecentLogsQuery,
  type RecentLogsResponse,
} from '@aniworld/contracts';
import { RECENT_LOG_LINES } from '../../common/logging/recent-logs';

export class RecentLogsQueryDto implements RecentLogsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: RECENT_LOG_LINES, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(RECENT_LOG_LINES)
  limit?: number;

  @ApiPropertyOptional({ enum: LOG_LEVELS, description: 'This level and more severe ones' })
  @IsOptional()
  @IsIn(LOG_LEVELS)
  level?: LogLevel;
}

class LogLineDto implements LogLine {
  @ApiProperty() time!: string;
  @ApiProperty({ enum: LOG_LEVELS }) level!: LogLevel;
  @ApiProperty() msg!: string;
  @ApiProperty({ nullable: true, type: String }) context!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) fields!: Record<string, unknown>;
}

export class RecentLogsResponseDto implements RecentLogsResponse {
  @ApiProperty({ type: [LogLineDto] }) lines!: LogLine[];
  @ApiProperty({ description: 'Lines kept in memory' }) capacity!: number;
}
