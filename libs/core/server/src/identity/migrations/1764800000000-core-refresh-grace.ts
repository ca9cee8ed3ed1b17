import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The token that replaced a rotated refresh token, sealed with ENCRYPTION_KEY, for the refresh grace window. */
export class CoreRefreshGrace1764800000000 implements MigrationInterface {
  name = 'CoreRefreshGrace1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE core.refresh_token ADD COLUMN replaced_by_sealed text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE core.refresh_token DROP COLUMN replaced_by_sealed`);
  }
}
