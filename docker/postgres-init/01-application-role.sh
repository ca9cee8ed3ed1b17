#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised. The API and the workers connect as `coremis_app`,
# a plain login role: no superuser, no CREATEROLE, no DDL. Only the one-shot `migrate` service connects as the
# owner (`coremis`), runs the migrations and grants `coremis_app` the use of the tables (append-only on the audit log).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE coremis_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'app_password';
GRANT CONNECT ON DATABASE coremis TO coremis_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
