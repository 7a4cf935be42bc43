#!/usr/bin/env bash
# Assessment's replay: a synthetic county's event log (incidents and disputes) folded again into the facts, events per second.
# Starts PostgreSQL on 127.0.0.1 if needed (as test.sh does) and stops what it started.
# Usage: bench/run-assessment-replay.sh [events=200000] [runs=2]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
trap stop_started_servers EXIT
start_postgres
# The in-process test issuer logs every request at Information otherwise.
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project bench/Governance.Bench.Assessment -- "$@"
