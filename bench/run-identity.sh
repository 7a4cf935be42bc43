#!/usr/bin/env bash
# Starts PostgreSQL on 127.0.0.1 if needed (as test.sh does), runs the identity benchmark in Release
# (tokens issued/s with client_credentials; bearer-authenticated vs anonymous req/s in a consuming
# service), and stops what it started. Arguments go to the benchmark: --seconds --rounds --issuers --validators --tokens.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
trap stop_started_servers EXIT
start_postgres
dotnet run -c Release --project bench/Governance.Bench.Identity -- "$@"
