import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `library_folders.fingerprint`: what a rescan compares before it reads a folder's files (the
 * identity, times and entry lists of the folder and its season folders; docs/SCALE.md, "Library
 * scan"). NULL means "read the files next time", which every existing row starts as.
 */
export class LibraryFingerprintPostgres1766300000000 implements MigrationInterface {
  name = 'LibraryFingerprintPostgres1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "library_folders" ADD COLUMN "fingerprint" varchar(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "library_folders" DROP COLUMN "fingerprint"`);
  }
}
