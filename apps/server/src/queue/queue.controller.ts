import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  Page,
  QueueAddResponse,
  QueueClearResponse,
  QueueItem,
  QueueStatusResponse,
} from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import {
  QueueAddRequestDto,
  QueueAddResponseDto,
  QueueClearResponseDto,
  QueueItemIdParamDto,
  QueueItemIdsRequestDto,
  QueueItemPageDto,
  QueueItemsQueryDto,
  QueueReorderRequestDto,
  QueueRetryRequestDto,
  QueueStatusResponseDto,
} from './dto/queue.dto';
import { QueueService } from './queue.service';

/** The download queue, in the earlier Aniworld API's shape (libs/contracts/README.md). */
@ApiTags('queue')
@ApiBearerAuth()
@Controller('queue')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get('status')
  @ApiOperation({
    summary: 'Queue state, totals and the running downloads (the lists: GET /api/queue/items)',
  })
  @ApiOkResponse({ type: QueueStatusResponseDto })
  status(): Promise<QueueStatusResponse> {
    return this.queue.status();
  }

  @Get('items')
  @ApiOperation({ summary: 'One page of the pending, completed or failed items' })
  @ApiOkResponse({ type: QueueItemPageDto })
  items(@Query() query: QueueItemsQueryDto): Promise<Page<QueueItem>> {
    return this.queue.items(query);
  }

  @Post('add')
  @ApiOperation({
    summary: 'Queue episodes of a series in the library; already queued ones are skipped',
  })
  @ApiCreatedResponse({ type: QueueAddResponseDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'SERIES_NOT_FOUND, EPISODE_NOT_FOUND',
  })
  add(@Body() body: QueueAddRequestDto): Promise<QueueAddResponse> {
    return this.queue.add(body);
  }

  @Delete('completed')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove every completed item; says how many' })
  @ApiOkResponse({ type: QueueClearResponseDto })
  clearCompleted(): Promise<QueueClearResponse> {
    return this.queue.clearCompleted();
  }

  @Delete(':item_id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an item; an active download is cancelled and its partial file deleted',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param() { item_id }: QueueItemIdParamDto): Promise<void> {
    return this.queue.remove(item_id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove several items (all or none)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  removeMany(@Body() body: QueueItemIdsRequestDto): Promise<void> {
    return this.queue.removeMany(body.item_ids);
  }

  @Post('start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the queue (also clears a pause)' })
  @ApiOkResponse({ type: QueueStatusResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'DOWNLOADS_DISABLED' })
  start(): Promise<QueueStatusResponse> {
    return this.queue.start();
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop the queue: active downloads are suspended (partial files kept) until start',
  })
  @ApiOkResponse({ type: QueueStatusResponseDto })
  stop(): Promise<QueueStatusResponse> {
    return this.queue.stop();
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause: nothing new starts, active downloads are suspended until resume',
  })
  @ApiOkResponse({ type: QueueStatusResponseDto })
  pause(): Promise<QueueStatusResponse> {
    return this.queue.pause();
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume after a pause; suspended downloads continue from their files' })
  @ApiOkResponse({ type: QueueStatusResponseDto })
  resume(): Promise<QueueStatusResponse> {
    return this.queue.resume();
  }

  @Post('reorder')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a pending item to another index of the pending list' })
  @ApiOkResponse({ type: QueueStatusResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  reorder(@Body() body: QueueReorderRequestDto): Promise<QueueStatusResponse> {
    return this.queue.reorder(body.item_id, body.new_position);
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Put failed items back in line (empty item_ids: every failed item); the retry limit holds unless reset_attempts',
  })
  @ApiOkResponse({ type: QueueStatusResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Items that used all their retries, without reset_attempts',
  })
  retry(@Body() body: QueueRetryRequestDto): Promise<QueueStatusResponse> {
    return this.queue.retry(body.item_ids, body.reset_attempts ?? false);
  }
}
