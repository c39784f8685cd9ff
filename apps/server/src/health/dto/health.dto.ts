import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  type CheckStatus,
  type DetailedHealthResponse,
  type DiskUsage,
  type HealthCheckResult,
  type HealthCheckSummary,
  type HealthResponse,
  type HealthStatus,
  type ReadinessResponse,
  SITE_IDS,
  type SiteId,
  type SiteReachability,
} from '@aniworld/contracts';

export class HealthCheckResultDto implements HealthCheckResult {
  @ApiProperty({ enum: ['ok', 'warning', 'error'] })
  status!: CheckStatus;

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'A failing critical check makes the instance not ready' })
  critical!: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export class HealthCheckSummaryDto implements HealthCheckSummary {
  @ApiProperty({ enum: ['ok', 'warning', 'error'] })
  status!: CheckStatus;

  @ApiProperty({ description: 'A failing critical check makes the instance not ready' })
  critical!: boolean;
}

class HealthBaseDto implements Omit<HealthResponse, 'checks'> {
  @ApiProperty({ enum: ['healthy', 'degraded', 'unhealthy'] })
  status!: HealthStatus;

  @ApiProperty({ example: '2026-11-21T05:48:00.000Z' })
  timestamp!: string;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty()
  anime_directory_configured!: boolean;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-22T02:00:00.000Z' })
  scheduler_next_run!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-21T02:03:12.000Z' })
  scheduler_last_run!: string | null;
}

@ApiExtraModels(HealthCheckSummaryDto)
export class HealthResponseDto extends HealthBaseDto implements HealthResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(HealthCheckSummaryDto) },
  })
  checks!: Record<string, HealthCheckSummary>;
}

export class ReadinessResponseDto implements ReadinessResponse {
  @ApiProperty()
  ready!: boolean;

  @ApiPropertyOptional({ type: [String], example: ['anime_directory'] })
  critical_failures?: string[];
}

class DiskUsageDto implements DiskUsage {
  @ApiProperty()
  path!: string;
  @ApiProperty({ nullable: true, type: Number })
  free_bytes!: number | null;
  @ApiProperty({ nullable: true, type: Number })
  total_bytes!: number | null;
}

class DatabaseHealthDto {
  @ApiProperty({ enum: ['ok', 'warning', 'error'] })
  status!: CheckStatus;
  @ApiProperty({ enum: ['sqlite', 'postgres'] })
  dialect!: 'sqlite' | 'postgres';
  @ApiProperty({ nullable: true, type: Number })
  latency_ms!: number | null;
  @ApiPropertyOptional()
  error?: string;
}

class DiskHealthDto {
  @ApiProperty({ type: DiskUsageDto })
  data!: DiskUsage;
  @ApiProperty({ type: DiskUsageDto, nullable: true })
  anime!: DiskUsage | null;
}

class MemoryDto {
  @ApiProperty()
  rss_bytes!: number;
  @ApiProperty()
  heap_used_bytes!: number;
  @ApiProperty()
  heap_total_bytes!: number;
}

class SiteReachabilityDto implements SiteReachability {
  @ApiProperty({ enum: SITE_IDS })
  id!: SiteId;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  base_url!: string;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null while not probed yet' })
  reachable!: boolean | null;
  @ApiProperty({ nullable: true, type: String })
  message!: string | null;
  @ApiProperty({ nullable: true, type: String })
  checked_at!: string | null;
  @ApiProperty({ nullable: true, type: String })
  last_success_at!: string | null;
  @ApiProperty({ nullable: true, type: String })
  last_failure_at!: string | null;
}

@ApiExtraModels(HealthCheckResultDto)
export class DetailedHealthResponseDto extends HealthBaseDto implements DetailedHealthResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(HealthCheckResultDto) },
  })
  checks!: Record<string, HealthCheckResult>;
  @ApiProperty()
  uptime_seconds!: number;
  @ApiProperty({ type: DatabaseHealthDto })
  database!: DatabaseHealthDto;
  @ApiProperty({ type: DiskHealthDto })
  disk!: DiskHealthDto;
  @ApiProperty({ type: MemoryDto })
  memory!: MemoryDto;
  @ApiProperty({ type: [SiteReachabilityDto] })
  sites!: SiteReachability[];
}
