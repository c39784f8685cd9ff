import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduled jobs (runs and cluster lease) and the monitored flag of a series. */
export class SchedulerSqlite1765100000000 implements MigrationInterface {
  name = 'SchedulerSqlite1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scheduler_jobs" (
      "name" varchar(64) PRIMARY KEY NOT NULL,
      "schedule_key" varchar(200) NOT NULL DEFAULT (''),
      "next_run_at" bigint,
      "running_since" bigint,
      "last_trigger" varchar(16),
      "last_started_at" bigint,
      "last_finished_at" bigint,
      "last_outcome" varchar(16),
      "last_duration_ms" integer,
      "last_message" text,
      "lease_owner" varchar(64),
      "lease_until" bigint
    )`);
    await q.query(`ALTER TABLE "anime_series" ADD COLUMN "monitored" boolean NOT NULL DEFAULT (0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "anime_series" DROP COLUMN "monitored"`);
    await q.query(`DROP TABLE "scheduler_jobs"`);
  }
}
