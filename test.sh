#!/usr/bin/env bash
# The whole suite, against real PostgreSQL and RabbitMQ on 127.0.0.1 (installed and started here
# if missing, stopped afterwards if this script started them). Needs: Debian 12, the .NET 10 SDK,
# root or sudo. Pass a filter to run part of it: ./test.sh --filter "FullyQualifiedName~Outbox"
set -euo pipefail
cd "$(dirname "$0")"
source scripts/test-servers.sh

install_missing_packages
install_chart_tools
trap stop_started_servers EXIT
start_rabbitmq
start_postgres

export GOVERNANCE_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"
export GOVERNANCE_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:5672/"

echo "$(date -u +%T) building"
dotnet tool restore >/dev/null
dotnet build Governance.sln -c Release -warnaserror -nologo -v q

# One test project at a time: the broker-outage test stops RabbitMQ, and two cores are not
# enough for the timing-bound tests to share. A test that runs past 10 minutes is a hang: the
# blame collector stops that project's host and names the test, so CI fails saying where.
echo "$(date -u +%T) testing"
log=$(mktemp)
set +e
dotnet test Governance.sln -c Release --no-build -m:1 --nologo \
  --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$(date -u +%T) tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
