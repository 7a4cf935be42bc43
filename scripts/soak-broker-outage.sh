#!/usr/bin/env bash
# Runs the broker-outage test N times in a row and prints passes/runs (the last line).
#   scripts/soak-broker-outage.sh 10
# Uses the broker and database the environment names, like the test itself:
#   GOVERNANCE_TEST_RABBITMQ (default amqp://guest:guest@127.0.0.1:5672/), GOVERNANCE_TEST_POSTGRES,
#   and RABBITMQ_NODENAME (with RABBITMQ_* / ERL_* as set) for the node the test stops with
#   rabbitmqctl; when unset, the servers are started as test.sh starts them.
# The test stops the broker: point it at a private node when others share the default one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:?usage: $0 N}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive number, not '$runs'" >&2; exit 2; }

if [ -z "${GOVERNANCE_TEST_RABBITMQ:-}" ]; then
  source scripts/test-servers.sh
  install_missing_packages
  trap stop_started_servers EXIT
  start_rabbitmq
  start_postgres
fi
export GOVERNANCE_TEST_RABBITMQ=${GOVERNANCE_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}
export GOVERNANCE_TEST_POSTGRES=${GOVERNANCE_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}

project=tests/Governance.Messaging.Tests/Governance.Messaging.Tests.csproj
dotnet build "$project" -c Release -nologo -v q >/dev/null   # warnings are errors (Directory.Build.props)

# The runs use a copy of the build, so that building on in the tree cannot swap the DLLs under them.
logs=$(mktemp -d)
cp -r tests/Governance.Messaging.Tests/bin/Release/net10.0 "$logs/bin"
passes=0
for run in $(seq 1 "$runs"); do
  if dotnet test "$logs/bin/Governance.Messaging.Tests.dll" --nologo \
       --filter "FullyQualifiedName~BrokerOutageTests.Broker_stopped_three_times" >"$logs/run-$run.log" 2>&1; then
    passes=$((passes + 1)); echo "run $run: passed"
  else
    echo "run $run: FAILED (log: $logs/run-$run.log)"
  fi
done
echo "$passes/$runs"
