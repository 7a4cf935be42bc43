#!/usr/bin/env bash
# Mediation cases registered per second through gRPC with their DisputeRegistered events delivered to a
# RabbitMQ consumer outside the service.
# Starts PostgreSQL and RabbitMQ on 127.0.0.1 if needed (as test.sh does) and stops what it started.
# Usage: bench/run-mediation-cases.sh [cases per round=2000] [callers=16] [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
trap stop_started_servers EXIT
start_rabbitmq
start_postgres
# The in-process test issuer logs every request at Information otherwise.
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project bench/Governance.Bench.Mediation -- cases "$@"
