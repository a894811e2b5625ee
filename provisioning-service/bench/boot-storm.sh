#!/usr/bin/env bash
# Boot-storm benchmark of provisioning-service against nginx (issue #21 item 6; provisioning-service/README.md#benchmark).
# Installs Debian's wrk and nginx-light when missing (needs root or sudo), then runs the bench profile's one test.
# Extra arguments go to Maven, e.g. -Dbench.seconds=20 -Dbench.rounds=5 -Dbench.connections=128 -o.
# BENCH_MODULE_ONLY=1 leaves out -am (the platform modules already in ~/.m2).
# Output: provisioning-service/target/bench-boot-storm.txt (and bench-boot-storm.jfr, the profiled pass).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk nginx-light >/dev/null
fi
also_make="-am"; [ "${BENCH_MODULE_ONLY:-0}" = "1" ] && also_make=""
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}"
exec ./mvnw -B -pl provisioning-service $also_make verify -Pbench -Dtest=ProvisioningBootStormBench \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"
