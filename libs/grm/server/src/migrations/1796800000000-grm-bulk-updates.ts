import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk updates of registry records from a file: the update, its per-row errors and its staged changes (one row per record and field). */
export class GrmBulkUpdates1796800000000 implements MigrationInterface {
  name = 'GrmBulkUpdates1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grm.bulk_update (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        record_type varchar(20) NOT NULL CHECK (record_type IN ('HOUSEHOLD', 'INDIVIDUAL')),
        upload_id uuid NOT NULL,
        file_name varchar(200) NOT NULL,
        id_column text NOT NULL,
        mapping jsonb NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('CHECKING', 'FAILED', 'INVALID', 'READY', 'APPLIED', 'STALE')),
        read_options jsonb NOT NULL DEFAULT '{}',
        job_id uuid,
        failure jsonb,
        row_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        record_count integer NOT NULL DEFAULT 0,
        field_count integer NOT NULL DEFAULT 0,
        field_counts jsonb NOT NULL DEFAULT '{}',
        stale_count integer NOT NULL DEFAULT 0,
        created_by_id uuid,
        created_by varchar(150),
        area_paths text[],
        applied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX bulk_update_creator_idx ON grm.bulk_update (created_by_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE grm.bulk_update_error (
        bulk_update_id uuid NOT NULL REFERENCES grm.bulk_update (id) ON DELETE CASCADE,
        row_no integer NOT NULL,
        field text,
        code varchar(60) NOT NULL,
        args jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX bulk_update_error_idx ON grm.bulk_update_error (bulk_update_id, row_no)`);
    await q.query(`
      CREATE TABLE grm.bulk_update_change (
        bulk_update_id uuid NOT NULL REFERENCES grm.bulk_update (id) ON DELETE CASCADE,
        row_no integer NOT NULL,
        record_id uuid NOT NULL,
        record_version integer NOT NULL,
        area_path text COLLATE "C",
        field text NOT NULL,
        old_value jsonb,
        new_value jsonb,
        PRIMARY KEY (bulk_update_id, record_id, field)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grm.bulk_update_change`);
    await q.query(`DROP TABLE grm.bulk_update_error`);
    await q.query(`DROP TABLE grm.bulk_update`);
  }
}
