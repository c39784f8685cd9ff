import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiBearerAuth,
  ApiExtraModels,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/decorators/public.decorator';
import type {
  DetailedHealthResponse,
  HealthResponse,
  ReadinessResponse,
} from '@aniworld/contracts';
import {
  DetailedHealthResponseDto,
  HealthCheckResultDto,
  HealthCheckSummaryDto,
  HealthResponseDto,
  ReadinessResponseDto,
} from './dto/health.dto';
import { HealthService } from './health.service';

/**
 * `/health` and `/health/ready` are public and not rate limited: load balancers and
 * orchestrators poll them, and they show states only. `/health/detailed` names paths, disk and
 * memory: it needs a session.
 */
@ApiTags('health')
@ApiExtraModels(HealthCheckSummaryDto, HealthCheckResultDto)
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @SkipThrottle()
  @Get()
  @ApiOperation({ summary: 'Liveness and a summary of every check (503 only when unhealthy)' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    return withStatus(res, await this.health.health(), (h) => h.status !== 'unhealthy');
  }

  @Public()
  @SkipThrottle()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 503 naming the critical checks that fail' })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiServiceUnavailableResponse({ type: ReadinessResponseDto })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    return withStatus(res, await this.health.readiness(), (r) => r.ready);
  }

  @Get('detailed')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every check with its message, database latency, disk, memory, uptime' })
  @ApiOkResponse({ type: DetailedHealthResponseDto })
  async detailed(@Res({ passthrough: true }) res: Response): Promise<DetailedHealthResponse> {
    return withStatus(res, await this.health.detailed(), (h) => h.status !== 'unhealthy');
  }
}

function withStatus<T>(res: Response, body: T, ok: (body: T) => boolean): T {
  res.status(ok(body) ? 200 : 503);
  return body;
}
