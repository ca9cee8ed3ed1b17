import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GeoSchema1732500100000 implements MigrationInterface {
  name = 'GeoSchema1732500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE geo.admin_level (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        depth integer NOT NULL UNIQUE CHECK (depth >= 0),
        code varchar(50) NOT NULL UNIQUE,
        name_en varchar(200) NOT NULL,
        name_fr varchar(200),
        name_pt varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE geo.admin_area (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) NOT NULL,
        level_id uuid NOT NULL REFERENCES geo.admin_level(id),
        parent_id uuid REFERENCES geo.admin_area(id),
        path text NOT NULL,
        name_en varchar(200) NOT NULL,
        name_fr varchar(200),
        name_pt varchar(200),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT admin_area_code_key UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX admin_area_parent_idx ON geo.admin_area (parent_id, code)`);
    await q.query(`CREATE INDEX admin_area_path_idx ON geo.admin_area (path text_pattern_ops)`);
    await q.query(`CREATE INDEX admin_area_code_pattern_idx ON geo.admin_area (lower(code) text_pattern_ops)`);
    await q.query(`
      CREATE INDEX admin_area_name_trgm_idx ON geo.admin_area USING gin (
        core.immutable_unaccent(lower(name_en || ' ' || coalesce(name_fr, '') || ' ' || coalesce(name_pt, ''))) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE geo.admin_area`);
    await q.query(`DROP TABLE geo.admin_level`);
  }
}
