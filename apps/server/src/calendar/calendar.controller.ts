import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CalendarResponse } from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { CalendarService } from './calendar.service';
import { CalendarQueryDto, CalendarResponseDto } from './dto/calendar.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({
    summary:
      'Released and announced episodes of library series, per day, with their state here (on disk, queued, missing, upcoming)',
  })
  @ApiOkResponse({ type: CalendarResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  get(@Query() query: CalendarQueryDto): Promise<CalendarResponse> {
    return this.calendar.between(query);
  }
}
