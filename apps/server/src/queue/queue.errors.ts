import { DomainError } from '../common/errors';

export class QueueItemNotFound extends DomainError {
  constructor(ids: string[]) {
    super(
      'QUEUE_ITEM_NOT_FOUND',
      ids.length === 1
        ? `Queue item '${ids[0]}' was not found`
        : `Queue items not found: ${ids.join(', ')}`,
      { item_ids: ids },
    );
  }
}

export class DownloadsDisabled extends DomainError {
  constructor(reason: string) {
    super('DOWNLOADS_DISABLED', `Downloads are disabled: ${reason}`, { reason });
  }
}
