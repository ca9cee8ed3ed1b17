import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deployment names its own levels (setAdminLevels): codes may swap between levels in one change, so
 * their uniqueness is checked at commit. Areas are compared by name within a level to show the shortest
 * unambiguous part of their path (AdminArea.shortPath): one index per interface language.
 */
export class GeoDeploymentLevels1796670000000 implements MigrationInterface {
  name = 'GeoDeploymentLevels1796670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE geo.admin_level DROP CONSTRAINT admin_level_code_key`);
    await q.query(`ALTER TABLE geo.admin_level ADD CONSTRAINT admin_level_code_key UNIQUE (code) DEFERRABLE INITIALLY IMMEDIATE`);
    await q.query(`CREATE INDEX admin_area_level_name_en_idx ON geo.admin_area (level_id, lower(name_en))`);
    await q.query(`CREATE INDEX admin_area_level_name_fr_idx ON geo.admin_area (level_id, lower(coalesce(name_fr, name_en)))`);
    await q.query(`CREATE INDEX admin_area_level_name_pt_idx ON geo.admin_area (level_id, lower(coalesce(name_pt, name_en)))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX geo.admin_area_level_name_pt_idx`);
    await q.query(`DROP INDEX geo.admin_area_level_name_fr_idx`);
    await q.query(`DROP INDEX geo.admin_area_level_name_en_idx`);
    await q.query(`ALTER TABLE geo.admin_level DROP CONSTRAINT admin_level_code_key`);
    await q.query(`ALTER TABLE geo.admin_level ADD CONSTRAINT admin_level_code_key UNIQUE (code)`);
  }
}
