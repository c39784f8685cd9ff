import { DomainError } from '../../common/errors';

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

/** Only pending items can be moved in the line. */
export class QueueItemNotPending extends DomainError {
  constructor(id: string) {
    super('CONFLICT', `Queue item '${id}' is not pending`, { item_id: id });
  }
}

/** Items that used every retry go back in line only when their attempts start over. */
export class RetriesUsed extends DomainError {
  constructor(ids: string[], maxRetries: number) {
    super(
      'CONFLICT',
      `${ids.length} item(s) used all ${maxRetries} retries: send reset_attempts: true to start them over`,
      { item_ids: ids, max_retries: maxRetries },
    );
  }
}
