#!/usr/bin/env bash
# Search's event → searchable lag (issue 16, aim: p99 under 2 s): the search service on PostgreSQL and RabbitMQ with the
# embedded Lucene backend, new records' events published at a steady rate; the lag from the service's own histogram
# (governance.search.index.lag) and end to end (publish → found by a search), records indexed per second. Starts
# PostgreSQL and RabbitMQ on 127.0.0.1 if needed (as test.sh does) and stops what it started.
# The bench runs in a RabbitMQ virtual host of its own, deleted at the end: its events reach no other session's hosts
# (their search, assessment or grid consumers on the shared broker), and nothing it declares outlives it.
# Usage: bench/run-search-lag.sh [rate=200 events/s] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
install_missing_packages
vhost="bench-search-lag-$$"
cleanup() {
  rabbitmq_env rabbitmqctl -q -n "$RABBITMQ_NODENAME" delete_vhost "$vhost" >/dev/null 2>&1 || true
  stop_started_servers
}
trap cleanup EXIT
start_rabbitmq
start_postgres
# Queues holding messages with no consumer are another run's leftovers, collecting every event published to them.
orphans=$(rabbitmq_env rabbitmqctl -q -n "$RABBITMQ_NODENAME" list_queues name messages consumers | awk '$3 == "0"')
if [ -n "$orphans" ]; then echo "queues without a consumer on the broker (not this bench's, left as they are):"; echo "$orphans"; fi
rabbitmq_env rabbitmqctl -q -n "$RABBITMQ_NODENAME" add_vhost "$vhost" >/dev/null
rabbitmq_env rabbitmqctl -q -n "$RABBITMQ_NODENAME" set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
export GOVERNANCE_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:5672/$vhost"
# The in-process test issuer logs every request at Information otherwise.
export Logging__LogLevel__Default=Warning
dotnet build bench/Governance.Bench.Search -c Release -nologo -v q >/dev/null
bench/Governance.Bench.Search/bin/Release/net10.0/Governance.Bench.Search lag "$@"
