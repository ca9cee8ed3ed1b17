import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrySchema1732600000000 implements MigrationInterface {
  name = 'RegistrySchema1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    // Names are compared without case, accents or punctuation ("Aïcha Al-Amin" → "aicha al amin").
    await q.query(`
      CREATE FUNCTION registry.name_norm(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT btrim(regexp_replace(lower(core.immutable_unaccent($1)), '[^a-z0-9]+', ' ', 'g'))
      $$`);
    // Phonetic key of a name (Double Metaphone without accents): Mohammed, Muhamad → MHMT.
    await q.query(`
      CREATE FUNCTION registry.name_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT nullif(dmetaphone(core.immutable_unaccent($1)), '')
      $$`);
    // Every distinct normalised name, with its phonetic key. Names repeat a lot, so fuzzy search runs
    // on this small table (trigrams, phonetic keys) and reaches individuals through plain b-trees.
    await q.query(`
      CREATE TABLE registry.name_term (
        term text COLLATE "C" PRIMARY KEY,
        key varchar(12)
      )`);
    await q.query(`CREATE INDEX name_term_trgm_idx ON registry.name_term USING gin (term gin_trgm_ops)`);
    await q.query(`CREATE INDEX name_term_key_idx ON registry.name_term (key)`);
    // A calendar date from "YYYY-MM-DD" (1850 or later), or NULL when the text is not one: no exception,
    // and no STRICT, so that it stays cheap on a million rows.
    await q.query(`
      CREATE FUNCTION registry.parse_date(text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN $1 ~ '^(18[5-9][0-9]|19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$' THEN $1::date
          WHEN $1 ~ '^(18[5-9][0-9]|19[0-9]{2}|2[0-9]{3})-((0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$' THEN $1::date
          WHEN $1 ~ '^(18[5-9][0-9]|19[0-9]{2}|2[0-9]{3})-02-29$'
               AND substr($1, 1, 4)::int % 4 = 0 AND (substr($1, 1, 4)::int % 100 <> 0 OR substr($1, 1, 4)::int % 400 = 0) THEN $1::date
        END
      $$`);
    await q.query(`CREATE SEQUENCE registry.household_code_seq`);

    // Keys, codes, paths and normalised names use the "C" collation: byte comparisons in b-trees,
    // sorts and joins, whatever the server's locale (a locale-aware comparison is several times slower).
    // The tables that take a million rows per import (individual, membership, individual_document) carry
    // no foreign keys to each other: each reference costs about 4.5 s per million rows in constraint
    // triggers. Their references are made set-based by the import and row by row by MemberWriter, in the
    // same transactions as the rows they point to; \`npm run registry:verify\` (RegistryIntegrityService)
    // checks that none dangles. Rows are never deleted, only ended or merged.
    await q.query(`
      CREATE TABLE registry.household (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        external_id varchar(100) COLLATE "C",
        area_id uuid NOT NULL REFERENCES geo.admin_area(id),
        area_path text COLLATE "C" NOT NULL,
        address text,
        latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
        rooms smallint CHECK (rooms BETWEEN 0 AND 50),
        wall_material varchar(40),
        roof_material varchar(40),
        floor_material varchar(40),
        water_source varchar(40),
        sanitation varchar(40),
        lighting varchar(40),
        cooking_fuel varchar(40),
        assets text[] NOT NULL DEFAULT '{}',
        registration_date date NOT NULL DEFAULT current_date,
        registration_source varchar(20) NOT NULL DEFAULT 'WEB',
        status varchar(20) NOT NULL DEFAULT 'ACTIVE',
        extra jsonb NOT NULL DEFAULT '{}',
        import_job_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT household_code_key UNIQUE (code),
        CONSTRAINT household_external_id_key UNIQUE (external_id)
      )`);
    await q.query(`CREATE INDEX household_area_path_idx ON registry.household (area_path text_pattern_ops, code)`);
    await q.query(`CREATE INDEX household_code_prefix_idx ON registry.household (upper(code) text_pattern_ops)`);
    await q.query(`CREATE INDEX household_extra_idx ON registry.household USING gin (extra jsonb_path_ops)`);

    await q.query(`
      CREATE TABLE registry.individual (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        external_id varchar(100) COLLATE "C",
        given_name varchar(100) NOT NULL,
        family_name varchar(100) NOT NULL,
        other_names varchar(200),
        sex char(1) NOT NULL CHECK (sex IN ('F', 'M')),
        birth_date date,
        birth_date_estimated boolean NOT NULL DEFAULT false,
        marital_status varchar(20),
        disability varchar(20),
        education varchar(30),
        occupation varchar(100),
        phones text[] NOT NULL DEFAULT '{}',
        photo_file_id uuid,
        household_id uuid,
        relationship varchar(20),
        recipient_role varchar(10),
        area_path text COLLATE "C",
        status varchar(20) NOT NULL DEFAULT 'ACTIVE',
        merged_into_id uuid,
        given_norm text COLLATE "C" NOT NULL,
        family_norm text COLLATE "C" NOT NULL,
        given_key varchar(12),
        family_key varchar(12),
        extra jsonb NOT NULL DEFAULT '{}',
        import_job_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT individual_external_id_key UNIQUE (external_id),
        CONSTRAINT individual_membership_check CHECK ((household_id IS NULL) = (relationship IS NULL))
      )`);
    await q.query(`CREATE INDEX individual_household_idx ON registry.individual (household_id)`);
    await q.query(`CREATE INDEX individual_given_idx ON registry.individual (given_norm, birth_date)`);
    await q.query(`CREATE INDEX individual_family_idx ON registry.individual (family_norm, birth_date)`);
    // Single-row writes get their search columns here; bulk imports compute them set-based and skip this.
    await q.query(`
      CREATE FUNCTION registry.individual_names() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.given_norm := registry.name_norm(NEW.given_name);
        NEW.family_norm := registry.name_norm(NEW.family_name);
        NEW.given_key := registry.name_key(NEW.given_norm);
        NEW.family_key := registry.name_key(NEW.family_norm);
        INSERT INTO registry.name_term (term, key) VALUES (NEW.given_norm, NEW.given_key), (NEW.family_norm, NEW.family_key)
          ON CONFLICT (term) DO NOTHING;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER individual_names_insert BEFORE INSERT ON registry.individual
        FOR EACH ROW WHEN (NEW.given_norm IS NULL) EXECUTE FUNCTION registry.individual_names()`);
    await q.query(`
      CREATE TRIGGER individual_names_update BEFORE UPDATE OF given_name, family_name ON registry.individual
        FOR EACH ROW WHEN (NEW.given_name IS DISTINCT FROM OLD.given_name OR NEW.family_name IS DISTINCT FROM OLD.family_name)
        EXECUTE FUNCTION registry.individual_names()`);
    await q.query(`CREATE INDEX individual_phones_idx ON registry.individual USING gin (phones) WITH (fastupdate = on, gin_pending_list_limit = 65536)`);
    await q.query(`CREATE INDEX individual_extra_idx ON registry.individual USING gin (extra jsonb_path_ops) WITH (fastupdate = on, gin_pending_list_limit = 65536)`);

    await q.query(`
      CREATE TABLE registry.individual_document (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        individual_id uuid NOT NULL,
        type varchar(30) NOT NULL,
        number varchar(60) COLLATE "C" NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT individual_document_number_key UNIQUE (number, type)
      )`);
    await q.query(`CREATE INDEX individual_document_individual_idx ON registry.individual_document (individual_id)`);

    // Periods of membership: the individual row holds the current one, this table every period.
    await q.query(`
      CREATE TABLE registry.membership (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        household_id uuid NOT NULL,
        individual_id uuid NOT NULL,
        relationship varchar(20) NOT NULL,
        recipient_role varchar(10),
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        end_reason varchar(30),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX membership_household_idx ON registry.membership (household_id, started_at)`);
    await q.query(`CREATE UNIQUE INDEX membership_open_idx ON registry.membership (individual_id) WHERE ended_at IS NULL`);

    await q.query(`
      CREATE TABLE registry.stored_file (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        individual_id uuid REFERENCES registry.individual(id),
        household_id uuid REFERENCES registry.household(id),
        kind varchar(20) NOT NULL,
        name varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL,
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX stored_file_individual_idx ON registry.stored_file (individual_id) WHERE individual_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE registry.field_schema (
        entity varchar(20) PRIMARY KEY CHECK (entity IN ('HOUSEHOLD', 'INDIVIDUAL')),
        schema jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    await q.query(`
      CREATE TABLE registry.import_template (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        name varchar(100) NOT NULL UNIQUE,
        layout varchar(20) NOT NULL,
        mapping jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    await q.query(`
      CREATE TABLE registry.import_upload (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        name varchar(200) NOT NULL,
        format varchar(10) NOT NULL,
        size bigint NOT NULL,
        storage_path text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    await q.query(`
      CREATE TABLE registry.import_row_error (
        job_id uuid NOT NULL,
        file varchar(20) NOT NULL,
        row_no integer NOT NULL,
        household_key text,
        field varchar(100),
        code varchar(60) NOT NULL,
        args jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX import_row_error_job_idx ON registry.import_row_error (job_id, file, row_no)`);

    await q.query(`
      CREATE TABLE registry.duplicate_candidate (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        individual_a_id uuid NOT NULL REFERENCES registry.individual(id),
        individual_b_id uuid NOT NULL REFERENCES registry.individual(id),
        score numeric(5, 4) NOT NULL,
        matched text[] NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'PENDING',
        source varchar(20) NOT NULL,
        job_id uuid,
        area_path text COLLATE "C" NOT NULL,
        decided_by uuid,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT duplicate_candidate_pair_key UNIQUE (individual_a_id, individual_b_id),
        CONSTRAINT duplicate_candidate_order_check CHECK (individual_a_id < individual_b_id)
      )`);
    await q.query(`CREATE INDEX duplicate_candidate_status_idx ON registry.duplicate_candidate (status, score DESC, id)`);
    await q.query(`CREATE INDEX duplicate_candidate_b_idx ON registry.duplicate_candidate (individual_b_id)`);

    await q.query(`
      CREATE TABLE registry.saved_search (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        user_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        filter jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT saved_search_name_key UNIQUE (user_id, name)
      )`);

    await q.query(`
      CREATE TABLE registry.setting (
        key varchar(50) PRIMARY KEY,
        value jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['name_term', 'setting', 'saved_search', 'duplicate_candidate', 'import_row_error', 'import_upload', 'import_template', 'field_schema', 'stored_file', 'membership', 'individual_document', 'individual', 'household']) {
      await q.query(`DROP TABLE registry.${table}`);
    }
    await q.query(`DROP SEQUENCE registry.household_code_seq`);
    await q.query(`DROP FUNCTION registry.individual_names()`);
    await q.query(`DROP FUNCTION registry.parse_date(text)`);
    await q.query(`DROP FUNCTION registry.name_key(text)`);
    await q.query(`DROP FUNCTION registry.name_norm(text)`);
  }
}
