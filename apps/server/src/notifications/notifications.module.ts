import { Module } from '@nestjs/common';
import { ChannelEventsListener } from './channels/channel-events.listener';
import { ChannelRepository } from './channels/channel.repository';
import { ChannelsHousekeeper } from './channels/channels-housekeeper';
import { ChannelsController } from './channels/channels.controller';
import { ChannelsService } from './channels/channels.service';
import { OutboxDispatcher } from './channels/outbox-dispatcher.service';
import { OutboxRepository } from './channels/outbox.repository';
import { NotificationHousekeeper } from './notification-housekeeper';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  controllers: [NotificationsController, ChannelsController],
  providers: [
    NotificationRepository,
    NotificationsService,
    NotificationHousekeeper,
    ChannelRepository,
    OutboxRepository,
    ChannelsService,
    OutboxDispatcher,
    ChannelEventsListener,
    ChannelsHousekeeper,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
