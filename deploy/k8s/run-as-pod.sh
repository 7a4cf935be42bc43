#!/usr/bin/env bash
# Runs one service host the way its chart's pods would, on this machine, without a cluster: the
# environment `helm template charts/<service>` gives the migration Job and then the Deployment's container
# (ConfigMap and secretKeyRef entries; secrets supplied here), on a read-only root filesystem with a fresh
# /tmp, as uid/gid 1654, in its own mount namespace. It migrates a throwaway database as its owner role
# exactly as the Job would, serves, checks /health/live, /health/ready and grpc.health.v1 on the gRPC port,
# then stops the host by its PID and drops what it made. Ports are moved off 8080/8081 (shared machine).
#   sudo deploy/k8s/run-as-pod.sh grid        (after: dotnet build services/grid/Governance.Grid.Host -c Release)
# Needs root (mount namespace), PostgreSQL and RabbitMQ on 127.0.0.1 (scripts/test-servers.sh), and
# install_chart_tools. Not part of the suite: the cluster-topology part of issue 17 will supersede it.
set -euo pipefail
service=${1:?usage: run-as-pod.sh <service>}
cd "$(dirname "$0")/../.."
source scripts/test-servers.sh
tools=$GOVERNANCE_CHART_TOOLS
work=$(mktemp -d)
suffix=$$
db_owner="pod_${suffix}_owner" db_app="pod_${suffix}_app" db_name="pod_${suffix}" vhost="pod-${suffix}"
export PGPASSWORD=${PGPASSWORD:-postgres}
psql_admin() { psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$@"; }
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  psql_admin -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" -c "DROP ROLE IF EXISTS $db_owner" -c "DROP ROLE IF EXISTS $db_app" || true
  rabbitmq_env timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" delete_vhost "$vhost" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$tools/helm" dependency build "charts/$service" >/dev/null
"$tools/helm" template "$service" "charts/$service" > "$work/rendered.yaml"

# What the chart gives: the Job's command and inline env, the ConfigMap, the secret references.
NODE_PATH=$tools/node_modules node - "$work" <<'JS'
const yaml = require("js-yaml"), fs = require("fs"), dir = process.argv[2];
const docs = yaml.loadAll(fs.readFileSync(`${dir}/rendered.yaml`, "utf8")).filter(Boolean);
const job = docs.find(d => d.kind === "Job").spec.template.spec.containers[0];
const pod = docs.find(d => d.kind === "Deployment").spec.template.spec.containers[0];
const configMap = docs.find(d => d.kind === "ConfigMap").data;
const refs = env => (env || []).filter(e => e.valueFrom?.secretKeyRef).map(e => `${e.name}\t${e.valueFrom.secretKeyRef.key}\t${e.valueFrom.secretKeyRef.optional ? 1 : 0}`);
fs.writeFileSync(`${dir}/job.cmd`, [...job.command, ...job.args].join("\n") + "\n");
fs.writeFileSync(`${dir}/pod.cmd`, [...pod.command, ...(pod.args || [])].join("\n") + "\n");
fs.writeFileSync(`${dir}/job.env`, job.env.filter(e => e.value !== undefined).map(e => `${e.name}=${e.value}`).join("\n") + "\n");
fs.writeFileSync(`${dir}/config.env`, Object.entries(configMap).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
fs.writeFileSync(`${dir}/job.secrets`, refs(job.env).join("\n") + "\n");
fs.writeFileSync(`${dir}/pod.secrets`, refs(pod.env).join("\n") + "\n");
JS

# Secrets supplied locally: the database's two roles, the broker (its own vhost), a random 32-byte key for the rest.
psql_admin -c "CREATE ROLE $db_owner LOGIN PASSWORD 'owner'" -c "CREATE ROLE $db_app LOGIN PASSWORD 'app'" \
  -c "CREATE DATABASE $db_name OWNER $db_owner"
psql_admin -d "$db_name" -c "ALTER SCHEMA public OWNER TO $db_owner"
rabbitmq_env timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" add_vhost "$vhost" >/dev/null
rabbitmq_env timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
secret_value() {
  case "$2" in
    connection-string) if [ "$1" = ConnectionStrings__rabbitmq ]; then echo "amqp://guest:guest@127.0.0.1:5672/$vhost";
                       else echo "Host=127.0.0.1;Database=$db_name;Username=$db_app;Password=app"; fi ;;
    owner-connection-string) echo "Host=127.0.0.1;Database=$db_name;Username=$db_owner;Password=owner" ;;
    *) head -c 32 /dev/urandom | base64 ;;
  esac
}
secrets_env() { # NAME=value lines for the references of a container (optional ones left out)
  while IFS=$'\t' read -r name key optional; do
    [ -z "$name" ] || [ "$optional" = 1 ] || printf '%s=%s\n' "$name" "$(secret_value "$name" "$key")"
  done < "$1"
}

assembly=$(sed -n 2p "$work/pod.cmd"); assembly=${assembly%.dll}
bin="$PWD/services/$service/$assembly/bin/Release/net10.0"
[ -f "$bin/$assembly.dll" ] || { echo "build it first: dotnet build services/$service/$assembly -c Release" >&2; exit 1; }

# Like a pod: read-only root, a fresh /tmp, uid/gid 1654, an empty environment but what the chart gives.
as_pod() { # env-file... -- command...
  local envs=()
  while [ "$1" != -- ]; do mapfile -t -O "${#envs[@]}" envs < "$1"; shift; done; shift
  # exec all the way down (unshare, sh, setpriv, env, dotnet): one PID, so stopping it stops the host.
  exec unshare -m --propagation private sh -c 'mount --bind / / && mount -o remount,bind,ro / && mount -t tmpfs -o size=256m tmpfs /tmp && cd / && exec "$@"' \
    sh setpriv --reuid=1654 --regid=1654 --clear-groups --no-new-privs env -i PATH=/usr/bin:/bin:/usr/share/dotnet "${envs[@]}" "$@"
}

http_port=$((18000 + suffix % 1000 * 2)); grpc_port=$((http_port + 1))
echo "$(date -u +%T) migrate: $(tr '\n' ' ' < "$work/job.cmd")"
secrets_env "$work/job.secrets" > "$work/job.secrets.env"
mapfile -t job_cmd < "$work/job.cmd"
start=$SECONDS
(as_pod "$work/job.env" "$work/job.secrets.env" -- "${job_cmd[0]}" "$bin/${job_cmd[1]}" "${job_cmd[@]:2}") > "$work/migrate.log" 2>&1 \
  || { tail -n 20 "$work/migrate.log" >&2; exit 1; }
grep -o '"Message":"Database [^"]*"' "$work/migrate.log" | sed 's/"Message":/  /'
echo "  migrated in $((SECONDS - start)) s"

secrets_env "$work/pod.secrets" > "$work/pod.secrets.env"
printf 'Hosting__BindAddress=127.0.0.1\nHosting__HttpPort=%s\nHosting__GrpcPort=%s\nVideoAlert__Sip__Host=127.0.0.1\nVideoAlert__Sip__Port=0\n' \
  "$http_port" "$grpc_port" > "$work/ports.env"
grep -q '^VideoAlert__Sip' "$work/config.env" || sed -i '/^VideoAlert__Sip/d' "$work/ports.env"
mapfile -t pod_cmd < "$work/pod.cmd"
echo "$(date -u +%T) serve: $(tr '\n' ' ' < "$work/pod.cmd")on 127.0.0.1:$http_port (HTTP) and :$grpc_port (gRPC)"
start=$SECONDS
as_pod "$work/config.env" "$work/pod.secrets.env" "$work/ports.env" -- "${pod_cmd[0]}" "$bin/${pod_cmd[1]}" > "$work/serve.log" 2>&1 &
host_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$http_port/health/ready"; do
  kill -0 "$host_pid" 2>/dev/null || { echo "the host exited:" >&2; tail -n 20 "$work/serve.log" >&2; exit 1; }
  [ $((SECONDS - start)) -lt 120 ] || { echo "not ready in 120 s" >&2; tail -n 20 "$work/serve.log" >&2; exit 1; }
  sleep 1
done
echo "  ready in $((SECONDS - start)) s; PID $host_pid runs as uid $(ps -o uid= -p "$host_pid" | tr -d ' '): $(ps -o args= -p "$host_pid")"
echo "  /health/live $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/health/live"), /health/ready $(curl -s -w ' %{http_code}' "http://127.0.0.1:$http_port/health/ready")"
# gRPC health answers from the ready checks' last publication (every 5 s, libs/Governance.Grpc), so it may
# still say NOT_SERVING for a few seconds after /health/ready turned 200: the startup probe waits as well.
grpc_health() { printf '\0\0\0\0\0' | curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' \
  --data-binary @- "http://127.0.0.1:$grpc_port/grpc.health.v1.Health/Check" | od -An -tx1 | tr -d ' \n'; }
start=$SECONDS
until [ "$(grpc_health)" = 00000000020801 ]; do
  [ $((SECONDS - start)) -lt 15 ] || { echo "  grpc.health.v1 answered '$(grpc_health)' for 15 s" >&2; exit 1; }
  sleep 1
done
echo "  grpc.health.v1 SERVING ($((SECONDS - start)) s after ready)"
echo "  warnings and errors in its log:"
grep -o '"LogLevel":"\(Warning\|Error\|Critical\)","Category":"[^"]*","Message":"[^"]\{0,160\}' "$work/serve.log" | sed 's/^/    /' || echo "    none"
