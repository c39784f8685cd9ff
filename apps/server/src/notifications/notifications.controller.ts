import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { NotificationListResponse } from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import {
  NotificationIdParamDto,
  NotificationListQueryDto,
  NotificationListResponseDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Stored notifications, newest first, with the unread count' })
  @ApiOkResponse({ type: NotificationListResponseDto })
  list(@Query() query: NotificationListQueryDto): Promise<NotificationListResponse> {
    return this.notifications.list(query.limit ?? 50, query.unread_only ?? false);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark every notification read' })
  @ApiNoContentResponse()
  markAllRead(): Promise<void> {
    return this.notifications.markAllRead();
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  markRead(@Param() { id }: NotificationIdParamDto): Promise<void> {
    return this.notifications.markRead(id);
  }
}
