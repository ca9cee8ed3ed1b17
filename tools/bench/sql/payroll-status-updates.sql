-- Run on a bench database after the payroll group (psql -f): a payroll-wide status update with today's indexes (xa)
-- and with status in no index and fillfactor 50 (xb). Results: tools/bench/results/2026-12-07-1000000-payroll.md
\timing on
SET jit = off;
DROP TABLE IF EXISTS xa, xb;
-- A: the line table as defined today
CREATE TABLE xa (LIKE payment.payroll_line INCLUDING ALL);
INSERT INTO xa SELECT * FROM payment.payroll_line;
UPDATE xa SET status = 'SUBMITTED', paid_amount_minor = NULL, receipt = NULL, settled_at = NULL;
VACUUM FULL xa; ANALYZE xa;
-- B: status in no index, room on every page for the next row version
CREATE TABLE xb (LIKE payment.payroll_line INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (fillfactor = 50);
INSERT INTO xb SELECT * FROM xa;
ALTER TABLE xb ADD PRIMARY KEY (id);
CREATE INDEX ON xb (payroll_id, area_path text_pattern_ops, id);
CREATE INDEX ON xb (beneficiary_id);
CREATE UNIQUE INDEX ON xb (cycle_id, beneficiary_id, attempt);
CREATE INDEX ON xb (household_id, created_at DESC) WHERE household_id IS NOT NULL;
CREATE INDEX ON xb (payroll_id, id);
CREATE INDEX ON xb (program_id, period);
CREATE INDEX ON xb (payroll_id, provider_reference) WHERE provider_reference IS NOT NULL;
VACUUM ANALYZE xb;
SELECT pg_size_pretty(pg_relation_size('xa')) AS a, pg_size_pretty(pg_relation_size('xb')) AS b;
CHECKPOINT;
UPDATE xa SET status = 'RECONCILED', paid_amount_minor = amount_minor, receipt = 'R' || left(id::text, 8), settled_at = now(), version = version + 1, updated_at = now();
CHECKPOINT;
UPDATE xb SET status = 'RECONCILED', paid_amount_minor = amount_minor, receipt = 'R' || left(id::text, 8), settled_at = now(), version = version + 1, updated_at = now();
SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname IN ('xa', 'xb');
CHECKPOINT;
-- a second update of the same rows (another status change) after the first versions are dead
UPDATE xb SET status = 'PAID', version = version + 1, updated_at = now();
SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname IN ('xa', 'xb');
DROP TABLE xa, xb;
