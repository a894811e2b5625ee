#!/usr/bin/env bash
# Runs the whole platform on this machine: embedded Kafka, PostgreSQL and MongoDB wire server, and the six
# services as separate processes. Options: --fresh (start with empty data), --data-dir DIR.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q install -DskipTests
exec java -Dtelops.root="$PWD" -jar platform/devstack/target/devstack.jar "$@"
