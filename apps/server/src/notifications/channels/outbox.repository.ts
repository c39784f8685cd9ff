import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, LessThan, type Repository } from 'typeorm';
import { DATA_SOURCE } from '../../database/database.service';
import { NotificationOutboxEntity } from '../entities/notification-outbox.entity';

/** The only code that touches notification_outbox. */
@Injectable()
export class OutboxRepository {
  private readonly repo: Repository<NotificationOutboxEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(NotificationOutboxEntity);
  }

  async insert(rows: NotificationOutboxEntity[]): Promise<void> {
    if (rows.length) await this.repo.save(rows.map((r) => this.repo.create(r)));
  }

  /** Pending messages whose time has come and that nobody holds, oldest first. */
  due(now: number, limit: number): Promise<NotificationOutboxEntity[]> {
    return this.repo
      .createQueryBuilder('o')
      .where('o.status = :pending', { pending: 'pending' })
      .andWhere('o.next_attempt_at <= :now', { now })
      .andWhere('(o.lease_until IS NULL OR o.lease_until < :now)', { now })
      .orderBy('o.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Takes a message for sending; false when another instance took it first. */
  async claim(id: string, owner: string, now: number, until: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseUntil: until })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .andWhere('(lease_until IS NULL OR lease_until < :now)', { now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async delivered(id: string, attempts: number, at: number): Promise<void> {
    await this.repo.update(
      { id },
      { status: 'delivered', attempts, deliveredAt: at, leaseOwner: null, leaseUntil: null },
    );
  }

  /** A failed attempt: retried at `next`, or given up (null). */
  async attemptFailed(
    id: string,
    attempts: number,
    error: string,
    next: number | null,
  ): Promise<void> {
    await this.repo.update(
      { id },
      {
        attempts,
        lastError: error.slice(0, 1000),
        status: next === null ? 'failed' : 'pending',
        ...(next === null ? {} : { nextAttemptAt: next }),
        leaseOwner: null,
        leaseUntil: null,
      },
    );
  }

  /** A flagged channel's waiting messages are given up. */
  async failPendingOf(channelId: string, reason: string): Promise<void> {
    await this.repo.update(
      { channelId, status: 'pending' },
      { status: 'failed', lastError: reason, leaseOwner: null, leaseUntil: null },
    );
  }

  /** Housekeeping: delivered and given-up messages older than `before`. */
  async deleteFinishedBefore(before: number): Promise<number> {
    const delivered = await this.repo.delete({ status: 'delivered', createdAt: LessThan(before) });
    const failed = await this.repo.delete({ status: 'failed', createdAt: LessThan(before) });
    return (delivered.affected ?? 0) + (failed.affected ?? 0);
  }
}
