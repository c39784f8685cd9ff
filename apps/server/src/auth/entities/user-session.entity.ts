import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One login. The JWT carries the id; revoking the row ends the session whatever the token says. */
@Entity({ name: 'user_sessions' })
@Index('ix_user_sessions_expires', ['expiresAt'])
export class UserSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt!: Date;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;
}
