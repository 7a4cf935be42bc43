#!/usr/bin/env bash
# Search's embedded backend at scale (issue 16): documents indexed per second, then query p50/p99 with a permission
# filter. Usage: bench/run-search.sh [documents=1000000] [queries=1000]. Needs no server.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Governance.Bench.Search -c Release -nologo -v q >/dev/null
bench/Governance.Bench.Search/bin/Release/net10.0/Governance.Bench.Search "$@"
