#!/usr/bin/env bash
# Time to compute the mediation figures over 100,000 cases in PostgreSQL (bulk-loaded by COPY), several runs per query shape.
# Starts PostgreSQL on 127.0.0.1 if needed (as test.sh does) and stops what it started.
# Usage: bench/run-mediation-figures.sh [cases=100000] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
trap stop_started_servers EXIT
start_postgres
# The in-process test issuer logs every request at Information otherwise.
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project bench/Governance.Bench.Mediation -- figures "$@"
