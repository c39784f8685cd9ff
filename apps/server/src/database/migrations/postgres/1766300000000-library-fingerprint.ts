import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `library_folders.fingerprint`: what a rescan compares before it reads a folder's files (the
 * identity, times and entry lists of the folder and its season folders; docs/SCALE.md, "Library
 * scan"). NULL means "read the files next time", which every existing row starts as. And an
 * index on `anime_series.folder`, which the scanner looks series up by.
 */
export class LibraryFingerprintPostgres1766300000000 implements MigrationInterface {
  name = 'LibraryFingerprintPostgres1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "library_folders" ADD COLUMN "fingerprint" varchar(64)`);
    await q.query(`CREATE INDEX "ix_anime_series_folder" ON "anime_series" ("folder")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_anime_series_folder"`);
    await q.query(`ALTER TABLE "library_folders" DROP COLUMN "fingerprint"`);
  }
}
