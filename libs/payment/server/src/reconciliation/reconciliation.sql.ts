/**
 * Set-based reconciliation of a provider's or bank's file. The file's rows are COPYed into the temporary table
 * `recon_raw` (columns c1..cn as text, `row_no` = data row number in file order); RECONCILE_CHECK_SQL gives every row
 * its verdict in one statement (the temporary table `recon_check`); RECONCILE_APPLY_SQL then settles the lines of the
 * valid rows in one statement, with one transition row per move. Column names are generated from the mapping's
 * column positions by the code (`c` + number), never from the file's text.
 */

/** The raw table: one text column per file column. */
export function rawTableSql(columns: number): string {
  if (!Number.isInteger(columns) || columns < 1 || columns > 1000) throw new Error(`bad column count ${columns}`);
  return `CREATE TEMP TABLE recon_raw (row_no bigserial, ${Array.from({ length: columns }, (_, i) => `c${i + 1} text`).join(', ')}) ON COMMIT DROP`;
}

/** The COPY statement filling recon_raw (the header line is skipped). */
export function rawCopySql(columns: number, delimiter: string): string {
  if (![',', ';', '\t', '|'].includes(delimiter)) throw new Error(`bad delimiter ${delimiter}`);
  const d = delimiter === '\t' ? `E'\\t'` : `'${delimiter}'`;
  return `COPY recon_raw (${Array.from({ length: columns }, (_, i) => `c${i + 1}`).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ${d}, ENCODING 'UTF8')`;
}

export interface ColumnPositions {
  reference: number;
  amount: number;
  status: number | null;
  receipt: number | null;
}

const col = (n: number) => {
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`bad column ${n}`);
  return `c${n}`;
};

/**
 * Every row's verdict: the matched line (our line id, else the provider reference), the action (PAY: settle a
 * SUBMITTED/FAILED line and reconcile it, RECONCILE: a PAID line, FAIL: a SUBMITTED line failed, NONE: nothing to
 * change) or the error code; the first row naming a line wins, later ones are DUPLICATE_ROW. A line outside the
 * caller's areas is not found (UNKNOWN_REFERENCE), as it would not be in a list.
 * $1 payroll  $2 the caller's area patterns (NULL: every area)
 */
export function reconcileCheckSql(c: ColumnPositions): string {
  const status = c.status ? `upper(btrim(coalesce(r.${col(c.status)}, '')))` : `'PAID'`;
  const receipt = c.receipt ? `left(nullif(btrim(r.${col(c.receipt)}), ''), 200)` : 'NULL::text';
  return `
    CREATE TEMP TABLE recon_check ON COMMIT DROP AS
    WITH s AS (
      SELECT r.row_no, left(btrim(coalesce(r.${col(c.reference)}, '')), 200) AS ref, btrim(coalesce(r.${col(c.amount)}, '')) AS amount, ${status} AS status, ${receipt} AS receipt
      FROM recon_raw r
    ),
    m AS (
      SELECT s.*, coalesce(li.id, lr.id) AS line_id, coalesce(li.status, lr.status) AS line_status, coalesce(li.amount_minor, lr.amount_minor) AS line_amount,
             coalesce(li.carried_to_id, lr.carried_to_id) IS NOT NULL AS line_carried
      FROM s
      LEFT JOIN payment.payroll_line li ON li.payroll_id = $1
        -- our line id in its canonical text, any case: compared as text (a regular expression then a cast for each
        -- of 1,000,000 rows cost 1.9 s; a reference that is no line id simply matches nothing)
        AND li.id::text = lower(s.ref)
        AND ($2::text[] IS NULL OR li.area_path LIKE ANY($2::text[]))
      -- by the provider's reference only when the row names none of our lines: a lookup per such row (joined to every
      -- row, the planner sorted the whole file by reference to merge it with the references, 1.2 s at 1,000,000 rows)
      LEFT JOIN LATERAL (
        SELECT lr.id, lr.status, lr.amount_minor, lr.carried_to_id FROM payment.payroll_line lr
        WHERE li.id IS NULL AND s.ref <> '' AND lr.payroll_id = $1 AND lr.provider_reference = s.ref
          AND ($2::text[] IS NULL OR lr.area_path LIKE ANY($2::text[]))
        ORDER BY lr.id LIMIT 1
      ) lr ON true
    ),
    n AS (
      SELECT m.*, CASE WHEN m.line_id IS NULL THEN 1 ELSE row_number() OVER (PARTITION BY m.line_id ORDER BY m.row_no) END AS nth FROM m
    ),
    v AS (
      SELECT n.row_no, n.ref, n.line_id, n.line_status, n.line_carried, n.amount, n.status, n.receipt,
        CASE
          WHEN n.line_id IS NULL THEN 'UNKNOWN_REFERENCE'
          WHEN n.nth > 1 THEN 'DUPLICATE_ROW'
          WHEN n.amount !~ '^-?[0-9]{1,18}$' THEN 'BAD_AMOUNT'
          WHEN n.amount LIKE '-%' THEN 'NEGATIVE_AMOUNT'
          WHEN n.status NOT IN ('PAID', 'FAILED') THEN 'BAD_STATUS'
          WHEN n.status = 'PAID' AND n.amount::bigint <> n.line_amount THEN 'AMOUNT_MISMATCH'
          WHEN n.status = 'PAID' AND n.line_status NOT IN ('SUBMITTED', 'FAILED', 'PAID', 'RECONCILED') THEN 'UNEXPECTED_STATE'
          -- a failed line carried into a follow-up payroll is owed there: paying it here would pay twice
          WHEN n.status = 'PAID' AND n.line_status = 'FAILED' AND n.line_carried THEN 'CARRIED_OVER'
        END AS code
      FROM n
    )
    SELECT v.row_no, v.ref, v.line_id, v.line_status, v.receipt, v.code, CASE
        WHEN v.code IS NOT NULL THEN NULL
        WHEN v.status = 'FAILED' THEN CASE WHEN v.line_status = 'SUBMITTED' THEN 'FAIL' ELSE 'NONE' END
        WHEN v.line_status IN ('SUBMITTED', 'FAILED') THEN 'PAY'
        WHEN v.line_status = 'PAID' THEN 'RECONCILE'
        ELSE 'NONE'
      END AS action
    FROM v`;
}

/** Counts of the verdicts. */
export const RECONCILE_COUNTS_SQL = `
  SELECT count(*)::int AS rows, count(*) FILTER (WHERE code IS NOT NULL)::int AS rejected,
    count(*) FILTER (WHERE action IN ('PAY', 'RECONCILE', 'FAIL'))::int AS changes, count(*) FILTER (WHERE action = 'NONE')::int AS unchanged
  FROM recon_check`;

/** The first errors, in file order. $1 limit */
export const RECONCILE_ERRORS_SQL = `SELECT row_no::int AS row, code, nullif(ref, '') AS reference FROM recon_check WHERE code IS NOT NULL ORDER BY row_no LIMIT $1`;

/**
 * Settles the lines of the valid rows, forward only: PAY → RECONCILED with the paid amount and receipt (two
 * transitions: old → PAID → RECONCILED), RECONCILE → RECONCILED, FAIL → FAILED. A line whose status changed since
 * the check (a callback in between) is not touched: the caller compares the count and rolls back.
 * $1 payroll  $2 file name (reason)  $3 user
 */
export const RECONCILE_APPLY_SQL = `
  WITH a AS (
    SELECT c.line_id, c.line_status, c.action, c.receipt FROM recon_check c WHERE c.action IN ('PAY', 'RECONCILE', 'FAIL')
  ),
  upd AS (
    UPDATE payment.payroll_line l SET
      status = CASE a.action WHEN 'FAIL' THEN 'FAILED' ELSE 'RECONCILED' END,
      paid_amount_minor = CASE a.action WHEN 'PAY' THEN l.amount_minor ELSE l.paid_amount_minor END,
      receipt = CASE a.action WHEN 'PAY' THEN coalesce(a.receipt, l.receipt) ELSE l.receipt END,
      failure_reason = CASE a.action WHEN 'FAIL' THEN 'RECONCILIATION_FILE' ELSE l.failure_reason END,
      settled_at = CASE WHEN a.action IN ('PAY', 'FAIL') THEN now() ELSE l.settled_at END,
      updated_at = now(), version = l.version + 1
    FROM a WHERE l.id = a.line_id AND l.payroll_id = $1 AND l.status = a.line_status AND (l.carried_to_id IS NULL OR a.action <> 'PAY')
    RETURNING l.id, a.line_status AS old, a.action, l.status AS new
  ),
  tr AS (
    INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, reason, source, user_id)
    SELECT t.id, $1, t.from_status, t.to_status, $2, 'RECONCILIATION', $3::uuid
    FROM (
      SELECT upd.id, upd.old AS from_status, 'PAID' AS to_status, 1 AS step FROM upd WHERE upd.action = 'PAY'
      UNION ALL
      SELECT upd.id, CASE WHEN upd.action = 'PAY' THEN 'PAID' ELSE upd.old END, upd.new, 2 FROM upd
    ) t ORDER BY t.id, t.step
  )
  SELECT count(*)::int AS applied FROM upd`;
