import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentProviderAccounts1796412000000 implements MigrationInterface {
  name = 'PaymentProviderAccounts1796412000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment.provider_account (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('offline-cash', 'mtn-momo', 'mpesa-b2c', 'ph-ee')),
        base_url text NOT NULL,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        timeout_ms integer NOT NULL DEFAULT 15000 CHECK (timeout_ms BETWEEN 100 AND 600000),
        active boolean NOT NULL DEFAULT true,
        credential_keys text[] NOT NULL DEFAULT '{}',
        credentials_sealed text NOT NULL,
        callback_secret_sealed text NOT NULL,
        secrets_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT provider_account_code_key UNIQUE (code)
      )`);
    // every callback received, genuine or not: evidence for reconciliation, and replays recognised by their bytes
    await q.query(`
      CREATE TABLE payment.provider_callback (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        account_id uuid REFERENCES payment.provider_account (id),
        account_code varchar(50) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        outcome varchar(20) NOT NULL CHECK (outcome IN ('ACCEPTED', 'REPLAY', 'BAD_SIGNATURE', 'MALFORMED', 'UNKNOWN_ACCOUNT', 'FAILED')),
        body_sha256 char(64) NOT NULL,
        body_bytes integer NOT NULL,
        results jsonb,
        ip text
      )`);
    await q.query(`CREATE UNIQUE INDEX provider_callback_accepted_key ON payment.provider_callback (account_id, body_sha256) WHERE outcome = 'ACCEPTED'`);
    await q.query(`CREATE INDEX provider_callback_account_idx ON payment.provider_callback (account_id, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment.provider_callback`);
    await q.query(`DROP TABLE payment.provider_account`);
  }
}
