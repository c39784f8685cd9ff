import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ChannelPayload } from '@aniworld/contracts';
import { bigintToNumber } from '../../database/transformers';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/**
 * One message for one channel. Written in the event handler (never blocks a worker), delivered
 * by the dispatcher with retries and backoff; the lease keeps two instances from sending it twice.
 */
@Entity({ name: 'notification_outbox' })
@Index('ix_notification_outbox_due', ['status', 'nextAttemptAt'])
export class NotificationOutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'channel_id', type: 'varchar', length: 36 })
  channelId!: string;

  @Column({ type: 'varchar', length: 32 })
  event!: string;

  @Column({ type: 'simple-json' })
  payload!: ChannelPayload;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'bigint', transformer: bigintToNumber })
  nextAttemptAt!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'bigint', nullable: true, transformer: bigintToNumber })
  leaseUntil!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintToNumber })
  createdAt!: number;

  @Column({ name: 'delivered_at', type: 'bigint', nullable: true, transformer: bigintToNumber })
  deliveredAt!: number | null;
}
