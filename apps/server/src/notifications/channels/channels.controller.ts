import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ChannelTestResult, NotificationChannel } from '@aniworld/contracts';
import { ErrorResponseDto } from '../../common/dto/error-response.dto';
import {
  ChannelIdParamDto,
  ChannelTestResultDto,
  NotificationChannelCreateDto,
  NotificationChannelDto,
  NotificationChannelUpdateDto,
} from '../dto/channels.dto';
import { ChannelsService } from './channels.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @ApiOperation({ summary: 'Outbound channels (secrets are never returned, only which are set)' })
  @ApiOkResponse({ type: [NotificationChannelDto] })
  list(): Promise<NotificationChannel[]> {
    return this.channels.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a webhook, ntfy, Discord, Telegram or Gotify channel' })
  @ApiCreatedResponse({ type: NotificationChannelDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  create(@Body() body: NotificationChannelCreateDto): Promise<NotificationChannel> {
    return this.channels.create(body);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a channel; clears its failing flag' })
  @ApiOkResponse({ type: NotificationChannelDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(
    @Param() { id }: ChannelIdParamDto,
    @Body() body: NotificationChannelUpdateDto,
  ): Promise<NotificationChannel> {
    return this.channels.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a channel and its undelivered messages' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param() { id }: ChannelIdParamDto): Promise<void> {
    return this.channels.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test message now and report how it went' })
  @ApiOkResponse({ type: ChannelTestResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  test(@Param() { id }: ChannelIdParamDto): Promise<ChannelTestResult> {
    return this.channels.test(id);
  }
}
