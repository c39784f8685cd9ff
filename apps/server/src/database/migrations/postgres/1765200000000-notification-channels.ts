import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbound notification channels and their delivery outbox. */
export class NotificationChannelsPostgres1765200000000 implements MigrationInterface {
  name = 'NotificationChannelsPostgres1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification_channels" (
      "id" varchar(36) PRIMARY KEY,
      "name" varchar(100) NOT NULL,
      "kind" varchar(16) NOT NULL,
      "enabled" boolean NOT NULL DEFAULT true,
      "events" text NOT NULL,
      "settings" text NOT NULL,
      "secrets" text NOT NULL,
      "failing" boolean NOT NULL DEFAULT false,
      "consecutive_failures" integer NOT NULL DEFAULT 0,
      "last_error" text,
      "last_error_at" bigint,
      "last_success_at" bigint,
      "created_at" bigint NOT NULL
    )`);
    await q.query(`CREATE TABLE "notification_outbox" (
      "id" varchar(36) PRIMARY KEY,
      "channel_id" varchar(36) NOT NULL REFERENCES "notification_channels" ("id") ON DELETE CASCADE,
      "event" varchar(32) NOT NULL,
      "payload" text NOT NULL,
      "status" varchar(16) NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" bigint NOT NULL,
      "last_error" text,
      "lease_owner" varchar(64),
      "lease_until" bigint,
      "created_at" bigint NOT NULL,
      "delivered_at" bigint
    )`);
    await q.query(
      `CREATE INDEX "ix_notification_outbox_due" ON "notification_outbox" ("status", "next_attempt_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification_outbox"`);
    await q.query(`DROP TABLE "notification_channels"`);
  }
}
