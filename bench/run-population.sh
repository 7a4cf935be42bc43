#!/usr/bin/env bash
# Starts PostgreSQL on 127.0.0.1 if needed (as test.sh does), runs the population benchmark in Release
# (a million synthetic persons imported from xlsx and from CSV: rows/s and memory; then identity-number
# look-ups over REST and gRPC, p50/p99), and stops what it started.
# Arguments go to the benchmark: --rows (1000000) --lookups (2000) --callers (4) --formats (xlsx,csv) --warmup (1000)
# --calls (live,commit,rest,grpc,pygrpc,nosync: the rounds to run; pygrpc calls from python3-grpcio) --in-process (the look-ups called from the service's own
# process instead of a client process) --unsettled (the look-ups timed straight after the import, during its checkpoint)
# --allocations (the types the service allocates in each round).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
trap stop_started_servers EXIT
start_postgres
dotnet run -c Release --project bench/Governance.Bench.Population -- "$@"
