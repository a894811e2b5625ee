#!/bin/bash
# Builds telops/<service>:<version> for the six services from their src/main/docker/Dockerfile.jvm.
# Run after the services are packaged (target/quarkus-app): ./mvnw -B package -DskipTests -Pimages
# does both. Without a Docker engine it prints why and builds nothing (exit 0), so the profile is safe
# on build machines that only have the docker client.
set -euo pipefail

version="${1:-0.1.0}"
version="${version%-SNAPSHOT}"
services=(dashboard-service event-ingest-service call-forward-service provisioning-service
          billing-agi-service vats-parser-service)

cd "$(dirname "$0")/.."

if ! command -v docker > /dev/null 2>&1; then
  echo "build-images: no docker command on PATH: images NOT built"
  exit 0
fi
if ! docker info > /dev/null 2>&1; then
  echo "build-images: docker does not reach an engine (docker info failed): images NOT built"
  exit 0
fi

for svc in "${services[@]}"; do
  if [[ ! -f "$svc/target/quarkus-app/quarkus-run.jar" ]]; then
    echo "build-images: $svc/target/quarkus-app is missing; package the services first" >&2
    exit 1
  fi
  echo "build-images: telops/$svc:$version"
  docker build -f "$svc/src/main/docker/Dockerfile.jvm" -t "telops/$svc:$version" "$svc"
done
