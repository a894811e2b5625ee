#!/bin/bash
# Creates one database per Telops service, each owned by the application role, on the first start of
# the official postgres image (files in /docker-entrypoint-initdb.d run once, on an empty data directory).
# TELOPS_DATABASES: space- or comma-separated database names.
set -euo pipefail

: "${TELOPS_DATABASES:?set TELOPS_DATABASES, e.g. 'ingest provisioning billing vats dashboard'}"

for db in ${TELOPS_DATABASES//,/ }; do
  if [[ ! "$db" =~ ^[a-z][a-z0-9_]*$ ]]; then
    echo "init-databases: refusing database name '$db'" >&2
    exit 1
  fi
  echo "init-databases: creating database $db owned by $POSTGRES_USER"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE DATABASE "$db" OWNER "$POSTGRES_USER";
REVOKE ALL ON DATABASE "$db" FROM PUBLIC;
SQL
done
