import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GrmSchema1796414581044 implements MigrationInterface {
  name = 'GrmSchema1796414581044';

  async up(q: QueryRunner): Promise<void> {
    // codes and paths in the "C" collation: byte comparisons, whatever the server's locale
    await q.query(`
      CREATE TABLE grm.ticket (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        name varchar(200) NOT NULL,
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT ticket_code_key UNIQUE (code)
      )`);
    // the scoped list: area prefix, then code order (the pager's key)
    await q.query(`CREATE INDEX ticket_area_path_idx ON grm.ticket (area_path text_pattern_ops, code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grm.ticket`);
  }
}
