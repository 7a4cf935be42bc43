#!/usr/bin/env bash
# Alarms accepted durably per second with grouping - over SIP UDP from SIPp (a lower platform forwarding its cameras'
# alarms) and over the webhook - from callers in the bench's process and from wrk - against bare one-row commits in the same run, then alarm → incident latency at a steady
# rate through the router and grid's ReportIncident. Starts PostgreSQL and RabbitMQ on 127.0.0.1 if needed (as test.sh
# does) and stops what it started.
# Usage: bench/run-videoalert.sh [alarms per round=20000, 0 for the latency run alone] [webhook callers=32] [latency rate/s=100] [latency seconds=20, 0 to skip]
# Each round prints the CPU milliseconds per alarm of the bench process (service, in-process grid host and clients) beside the rates.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
PACKAGES+=(wrk)   # the webhook's load from a process of its own (Debian's wrk); the tests do not need it
install_missing_packages
trap stop_started_servers EXIT
start_rabbitmq
start_postgres
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project bench/Governance.Bench.VideoAlert -- "$@"
