#!/usr/bin/env bash
# Runs every test of the platform: unit, @QuarkusTest on real Kafka/PostgreSQL/Mongo-wire, browser and
# end-to-end tests. Installs the Debian packages the tests drive when missing (needs root or sudo):
# chromium + chromium-driver (browser tests), docker-compose (the compose file check; no engine needed).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
   || ! command -v docker-compose >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver docker-compose >/dev/null
fi
exec ./mvnw -B verify "$@"
