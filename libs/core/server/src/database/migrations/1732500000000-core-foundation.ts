import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreFoundation1732500000000 implements MigrationInterface {
  name = 'CoreFoundation1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // Time-ordered UUIDv7 for rows written by set-based SQL (imports), matching the ids made in code.
    await q.query(`
      CREATE OR REPLACE FUNCTION core.uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
          FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $$`);
    // unaccent() is only STABLE; an IMMUTABLE wrapper with an explicit dictionary can back indexes.
    await q.query(`
      CREATE OR REPLACE FUNCTION core.immutable_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT public.unaccent('public.unaccent'::regdictionary, $1)
      $$`);
    await q.query(`
      CREATE TABLE core.job (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        queue varchar NOT NULL,
        name varchar NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('QUEUED','RUNNING','COMPLETED','FAILED','CANCELLED')),
        progress real NOT NULL DEFAULT 0,
        payload jsonb NOT NULL DEFAULT '{}',
        result jsonb,
        error_message text,
        created_by uuid,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX job_queued_idx ON core.job (queue, id) WHERE status = 'QUEUED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE core.job`);
    await q.query(`DROP FUNCTION core.immutable_unaccent(text)`);
    await q.query(`DROP FUNCTION core.uuid_v7()`);
  }
}
