import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Probabilistic duplicate detection (Fellegi-Sunter): the m and u probabilities estimated on the
 * registry, one version per run, and each candidate's per-field contributions.
 */
export class DuplicateModel1764800000000 implements MigrationInterface {
  name = 'DuplicateModel1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registry.duplicate_model (
        version serial PRIMARY KEY,
        params jsonb NOT NULL,
        prior double precision NOT NULL,
        pairs bigint NOT NULL,
        iterations integer NOT NULL,
        expected jsonb NOT NULL DEFAULT '[]',
        job_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE registry.duplicate_candidate
        ADD COLUMN contributions jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN match_weight numeric(8, 2),
        ADD COLUMN model_version integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry.duplicate_candidate DROP COLUMN contributions, DROP COLUMN match_weight, DROP COLUMN model_version`);
    await q.query(`DROP TABLE registry.duplicate_model`);
  }
}
