#!/usr/bin/env bash
# Runs every test of the platform: unit, @QuarkusTest on real Kafka/PostgreSQL/Mongo-wire, browser and
# end-to-end tests. Browser tests use Debian's Chromium, installed here when missing (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
exec ./mvnw -B verify "$@"
