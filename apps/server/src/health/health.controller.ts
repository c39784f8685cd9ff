import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
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
  HealthResponseDto,
  ReadinessResponseDto,
} from './dto/health.dto';
import { HealthService } from './health.service';

/** Public and not rate limited: load balancers and orchestrators poll it. */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and a summary of every check (503 only when unhealthy)' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    return withStatus(res, await this.health.health(), (h) => h.status !== 'unhealthy');
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 503 naming the critical checks that fail' })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiServiceUnavailableResponse({ type: ReadinessResponseDto })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    return withStatus(res, await this.health.readiness(), (r) => r.ready);
  }

  @Get('detailed')
  @ApiOperation({ summary: 'Database latency, free disk, memory and uptime' })
  @ApiOkResponse({ type: DetailedHealthResponseDto })
  async detailed(@Res({ passthrough: true }) res: Response): Promise<DetailedHealthResponse> {
    return withStatus(res, await this.health.detailed(), (h) => h.status !== 'unhealthy');
  }
}

function withStatus<T>(res: Response, body: T, ok: (body: T) => boolean): T {
  res.status(ok(body) ? 200 : 503);
  return body;
}
