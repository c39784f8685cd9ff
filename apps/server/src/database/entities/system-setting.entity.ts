import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Small runtime state that must survive restarts (queue paused, last scan …), as JSON by key. */
@Entity({ name: 'system_settings' })
export class SystemSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
