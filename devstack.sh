#!/usr/bin/env bash
# Runs the whole platform on this machine: embedded Kafka, PostgreSQL and MongoDB wire server, and the six
# services as separate processes. Options: --fresh (start with empty data), --data-dir DIR, --brokers N (Kafka nodes;
# 3: replication factor 3, min.insync.replicas=2), --replicas N (instances of every service).
# Prints each module as Maven builds it, then each component as it becomes ready, with elapsed seconds.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p target
log="$PWD/target/devstack-build.log"
echo "building the platform (full Maven output in $log)"
set +e
./mvnw -B install -DskipTests 2>&1 | tee "$log" | while IFS= read -r line; do
  case "$line" in
    *"[INFO] Building Telops ::"*)
      module=${line#*Building Telops :: }
      printf '%6d s  building %s\n' "$SECONDS" "${module% 0.1.0-SNAPSHOT*}${module##*SNAPSHOT}" ;;
  esac
done
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "build failed after ${SECONDS} s; first errors:" >&2
  grep -E '^\[ERROR\]' "$log" | head -15 >&2 || true
  echo "read $log for the whole output" >&2
  exit "$status"
fi
printf '%6d s  built; starting the platform\n' "$SECONDS"
exec java -Dtelops.root="$PWD" -jar platform/devstack/target/devstack.jar "$@"
