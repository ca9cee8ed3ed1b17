import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hierarchy CSV files are uploaded first (raw body, to disk) and the import names them, instead of carrying the text in GraphQL. */
export class GeoImportUpload1733300000000 implements MigrationInterface {
  name = 'GeoImportUpload1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE geo.import_upload (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        name varchar(200) NOT NULL,
        size bigint NOT NULL,
        storage_path text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE geo.import_upload`);
  }
}
