#!/usr/bin/env bash
# Assessment's live folding through RabbitMQ, the synthetic county's events published by a process of their own (a bus
# built as the services' are) into a virtual host of the run's own:
#  - backlog: that many events put in the stopped service's queues, then folded as fast as it can (its ceiling, events/s);
#  - steady: rate events/s for seconds, with each event's lag from publish to its fold's commit (p50/p99/max).
# Each part also prints database round trips and CPU ms per event of the service, PostgreSQL (the backends of its
# database) and the publisher: figures the machine's load does not move. 0 skips a part.
# Starts PostgreSQL and RabbitMQ on 127.0.0.1 if needed (as test.sh does) and stops what it started; rabbitmqctl must
# reach the node (RABBITMQ_NODENAME, as for the tests).
# Usage: bench/run-assessment-live.sh [backlog=100000 events] [rate=2000 events/s] [seconds=30]
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
