import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RecentLogsResponse } from '@aniworld/contracts';
import { RECENT_LOGS, type RecentLogs } from '../common/logging/recent-logs';
import { RecentLogsQueryDto, RecentLogsResponseDto } from './dto/system.dto';

/** The System page's server side: recent log lines (its health figures are `/health/detailed`). */
@ApiTags('system')
@ApiBearerAuth()
@Controller('system')
export class SystemController {
  constructor(@Inject(RECENT_LOGS) private readonly logs: RecentLogs) {}

  @Get('logs')
  @ApiOperation({
    summary:
      'The newest log lines kept in memory (secrets removed), oldest first; the full log is in <DATA_DIR>/logs/app.log',
  })
  @ApiOkResponse({ type: RecentLogsResponseDto })
  recent(@Query() query: RecentLogsQueryDto): RecentLogsResponse {
    return { lines: this.logs.read(query.limit, query.level), capacity: this.logs.capacity };
  }
}
