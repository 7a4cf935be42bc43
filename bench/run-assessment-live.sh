#!/usr/bin/env bash
# Assessment's live folding through RabbitMQ: a synthetic county's events published at a steady rate, events folded per
# second and the lag from publish to fold (p50/p99). Starts PostgreSQL and RabbitMQ on 127.0.0.1 if needed (as test.sh
# does) and stops what it started.
# Usage: bench/run-assessment-live.sh [rate=2000 events/s] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
trap stop_started_servers EXIT
start_rabbitmq
start_postgres
# The in-process test issuer logs every request at Information otherwise.
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project bench/Governance.Bench.Assessment -- live "$@"
