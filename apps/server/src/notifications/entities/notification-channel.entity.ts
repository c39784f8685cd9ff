import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  ChannelKind,
  ChannelSecrets,
  ChannelSettings,
  NotificationEventId,
} from '@aniworld/contracts';
import { bigintToNumber } from '../../database/transformers';

/** An outbound channel. Times are epoch milliseconds; secrets never leave the server. */
@Entity({ name: 'notification_channels' })
export class NotificationChannelEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ChannelKind;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'simple-json' })
  events!: NotificationEventId[];

  @Column({ type: 'simple-json' })
  settings!: ChannelSettings;

  @Column({ type: 'simple-json' })
  secrets!: ChannelSecrets;

  @Column({ type: 'boolean', default: false })
  failing!: boolean;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_error_at', type: 'bigint', nullable: true, transformer: bigintToNumber })
  lastErrorAt!: number | null;

  @Column({ name: 'last_success_at', type: 'bigint', nullable: true, transformer: bigintToNumber })
  lastSuccessAt!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintToNumber })
  createdAt!: number;
}
