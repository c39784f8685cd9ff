import { DomainError } from '../../common/errors';

export class NotificationNotFound extends DomainError {
  constructor(id: string) {
    super('NOT_FOUND', `Notification '${id}' was not found`, { notification_id: id });
  }
}

export class ChannelNotFound extends DomainError {
  constructor(id: string) {
    super('CHANNEL_NOT_FOUND', `No notification channel '${id}'`, { channel_id: id });
  }
}
