#!/usr/bin/env bash
# Starts PostgreSQL and RabbitMQ on 127.0.0.1 if needed (as test.sh does), runs the messaging
# benchmark in Release, and stops what it started. Arguments go to the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
trap stop_started_servers EXIT
start_rabbitmq
start_postgres
dotnet run -c Release --project bench/Governance.Bench.Messaging -- "$@"
