-- Run on a bench database after the payroll group (psql -f): gives every line its village's
-- payment point and explains the agent download's statement for the busiest point. Results: 2026-12-07-1000000-payroll.md
\timing on
INSERT INTO payment.payment_point (code, name, type, area_id, area_path)
SELECT 'PP-' || row_number() OVER (ORDER BY a.path), 'Point ' || a.code, 'AGENT', a.id, a.path FROM geo.admin_area a
WHERE NOT EXISTS (SELECT 1 FROM geo.admin_area c WHERE c.parent_id = a.id);
UPDATE payment.payroll_line l SET payment_point_id = pp.id, status = 'SUBMITTED' FROM payment.payment_point pp WHERE pp.area_path = l.area_path;
VACUUM ANALYZE payment.payroll_line;
SELECT count(*), count(payment_point_id) FROM payment.payroll_line;
SELECT payment_point_id AS point FROM payment.payroll_line WHERE payment_point_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1 \gset
PREPARE agent(uuid[], text[], timestamptz, timestamptz, uuid, int, text[]) AS
SELECT l.id, l.updated_at FROM payment.payroll_line l JOIN payment.payroll p ON p.id = l.payroll_id JOIN payment.cycle c ON c.id = l.cycle_id
LEFT JOIN registry.individual ind ON ind.id = l.recipient_id
WHERE l.payment_point_id = ANY($1::uuid[]) AND p.provider_account_id IS NULL AND p.status IN ('IN_PAYMENT', 'RECONCILED')
  AND l.status = ANY($7::text[]) AND ($2::text[] IS NULL OR l.area_path LIKE ANY($2::text[]))
  AND ($3::timestamptz IS NULL OR l.updated_at > $3::timestamptz) AND ($4::timestamptz IS NULL OR (l.updated_at, l.id) > ($4::timestamptz, $5::uuid))
ORDER BY l.updated_at, l.id LIMIT $6;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE agent(ARRAY[:'point']::uuid[], NULL, NULL, NULL, NULL, 201, ARRAY['SUBMITTED','FAILED']);
EXPLAIN (ANALYZE) EXECUTE agent(ARRAY[:'point']::uuid[], NULL, NULL, NULL, NULL, 201, ARRAY['SUBMITTED','FAILED']);
-- then the index of migration 1797300000000 and the same statement again
CREATE INDEX IF NOT EXISTS payroll_line_point_sync_idx ON payment.payroll_line (payment_point_id, updated_at, id) WHERE payment_point_id IS NOT NULL;
ANALYZE payment.payroll_line;
EXPLAIN (ANALYZE) EXECUTE agent(ARRAY[:'point']::uuid[], NULL, NULL, NULL, NULL, 201, ARRAY['SUBMITTED','FAILED']);
