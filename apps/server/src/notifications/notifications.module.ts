import { Module } from '@nestjs/common';
import { NotificationHousekeeper } from './notification-housekeeper';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationRepository, NotificationsService, NotificationHousekeeper],
  exports: [NotificationsService],
})
export class NotificationsModule {}
