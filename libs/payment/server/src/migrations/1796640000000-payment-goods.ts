import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Goods distribution (in-kind entitlements, stock at payment points, deliveries with evidence) and the
 * deliveries recorded by agents' devices (cash and goods), keyed by the client-generated id.
 */
export class PaymentGoods1796640000000 implements MigrationInterface {
  name = 'PaymentGoods1796640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment.goods_item (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        names jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object' AND names ? 'en'),
        unit varchar(20) NOT NULL,
        unit_value_minor bigint NOT NULL CHECK (unit_value_minor >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT goods_item_code_key UNIQUE (code)
      )`);

    // versioned like the benefit rules: a new version is a new row, entitlements keep the version they used
    await q.query(`
      CREATE TABLE payment.goods_rule_set (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        rule_version integer NOT NULL CHECK (rule_version > 0),
        rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT goods_rule_set_version_key UNIQUE (program_id, rule_version)
      )`);

    // one distribution per cycle: the goods counterpart of a payroll, with the same states and approval
    await q.query(`
      CREATE TABLE payment.goods_distribution (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        cycle_id uuid NOT NULL REFERENCES payment.cycle (id),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        code varchar(60) COLLATE "C" NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'IN_PAYMENT', 'RECONCILED', 'REJECTED')),
        rule_set_id uuid REFERENCES payment.goods_rule_set (id),
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT goods_distribution_code_key UNIQUE (code),
        CONSTRAINT goods_distribution_cycle_key UNIQUE (cycle_id)
      )`);

    await q.query(`
      CREATE TABLE payment.goods_entitlement (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        distribution_id uuid NOT NULL REFERENCES payment.goods_distribution (id),
        cycle_id uuid NOT NULL,
        program_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        item_id uuid NOT NULL REFERENCES payment.goods_item (id),
        household_id uuid,
        individual_id uuid,
        recipient_id uuid,
        recipient_name varchar(210),
        area_id uuid NOT NULL,
        area_path text COLLATE "C" NOT NULL,
        payment_point_id uuid,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_value_minor bigint NOT NULL CHECK (unit_value_minor >= 0),
        rule_version integer NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'CREATED' CHECK (status IN ('CREATED', 'APPROVED', 'SUBMITTED', 'PAID', 'CANCELLED', 'RECONCILED')),
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT goods_entitlement_key UNIQUE (cycle_id, beneficiary_id, item_id)
      )`);
    await q.query(`CREATE INDEX goods_entitlement_distribution_idx ON payment.goods_entitlement (distribution_id, area_path text_pattern_ops, id)`);
    await q.query(`CREATE INDEX goods_entitlement_point_idx ON payment.goods_entitlement (payment_point_id, updated_at, id)`);
    // an approved entitlement cannot change what is handed to whom
    await q.query(`
      CREATE FUNCTION payment.goods_entitlement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'CREATED' AND (NEW.quantity IS DISTINCT FROM OLD.quantity OR NEW.item_id IS DISTINCT FROM OLD.item_id
          OR NEW.recipient_id IS DISTINCT FROM OLD.recipient_id OR NEW.beneficiary_id IS DISTINCT FROM OLD.beneficiary_id
          OR NEW.distribution_id IS DISTINCT FROM OLD.distribution_id) THEN
          RAISE EXCEPTION 'goods entitlement % is approved and cannot change', OLD.id USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`CREATE TRIGGER goods_entitlement_frozen BEFORE UPDATE ON payment.goods_entitlement FOR EACH ROW EXECUTE FUNCTION payment.goods_entitlement_frozen()`);

    // stock never negative, in the database itself
    await q.query(`
      CREATE TABLE payment.goods_stock (
        payment_point_id uuid NOT NULL REFERENCES payment.payment_point (id),
        item_id uuid NOT NULL REFERENCES payment.goods_item (id),
        quantity integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (payment_point_id, item_id)
      )`);
    await q.query(`
      CREATE TABLE payment.goods_stock_movement (
        id bigserial PRIMARY KEY,
        payment_point_id uuid NOT NULL,
        item_id uuid NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('RECEIPT', 'ADJUSTMENT', 'DELIVERY')),
        quantity integer NOT NULL CHECK (quantity <> 0),
        balance integer NOT NULL CHECK (balance >= 0),
        reference text,
        reason text,
        entitlement_id uuid,
        user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX goods_stock_movement_point_idx ON payment.goods_stock_movement (payment_point_id, item_id, id)`);

    // Deliveries with their evidence, cash or goods. The id is the client-generated one (agents' devices), so an
    // upload replayed finds its delivery; a line or an entitlement is delivered once.
    await q.query(`
      CREATE TABLE payment.delivery (
        id uuid PRIMARY KEY,
        kind varchar(10) NOT NULL CHECK (kind IN ('CASH', 'GOODS')),
        payroll_line_id uuid REFERENCES payment.payroll_line (id),
        entitlement_id uuid REFERENCES payment.goods_entitlement (id),
        payment_point_id uuid NOT NULL,
        area_path text COLLATE "C" NOT NULL,
        amount_minor bigint,
        quantity integer,
        delivered_at timestamptz NOT NULL,
        latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
        receipt_number varchar(100),
        photo bytea,
        photo_type varchar(50),
        photo_sha256 char(64),
        request_sha256 char(64) NOT NULL,
        source varchar(10) NOT NULL CHECK (source IN ('AGENT_API', 'WEB')),
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'CASH') = (payroll_line_id IS NOT NULL) AND (kind = 'GOODS') = (entitlement_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX delivery_line_key ON payment.delivery (payroll_line_id) WHERE payroll_line_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX delivery_entitlement_key ON payment.delivery (entitlement_id) WHERE entitlement_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['delivery', 'goods_stock_movement', 'goods_stock', 'goods_entitlement', 'goods_distribution', 'goods_rule_set', 'goods_item']) {
      await q.query(`DROP TABLE payment.${table}`);
    }
    await q.query(`DROP FUNCTION payment.goods_entitlement_frozen()`);
  }
}
