#!/usr/bin/env bash
# Runs service hosts the way their charts' pods would, on this machine, without a cluster: each with the
# environment `helm template charts/<service>` gives the migration Job and then the Deployment's container
# (ConfigMap entries and each secretKeyRef, whose values are made up here), on a read-only root
# filesystem with a fresh /tmp, as uid/gid 1654, in its own mount namespace. Each service gets its own
# throwaway database, migrated as its owner role exactly as the Job would; all share one RabbitMQ vhost.
# Then every host serves at once, each its own process; /health/live, /health/ready and grpc.health.v1
# are checked; the hosts are stopped by their PIDs and what was made is dropped.
#   sudo deploy/k8s/run-as-pod.sh grid                 (after: dotnet build services/grid/Governance.Grid.Host -c Release)
#   sudo deploy/k8s/run-as-pod.sh identity grid mediation population video-alert
#   HOLD=1 ...                                          keeps them running until Ctrl-C
# Where the charts name each other by Service (http://identity:8080, http://grid:8081), the run passes
# the local addresses as values (--set), and ports move off 8080/8081/5060 to free ones on 127.0.0.1:
# nothing else differs from the charts. Needs root (mount namespaces), PostgreSQL and RabbitMQ on
# 127.0.0.1 (scripts/test-servers.sh) and install_chart_tools. Not part of the suite.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: run-as-pod.sh <service>..." >&2; exit 2; }
services=("$@")
cd "$(dirname "$0")/../.."
source scripts/test-servers.sh
tools=$GOVERNANCE_CHART_TOOLS
work=$(mktemp -d)
run=pod_$$
vhost=pod-$$
export PGPASSWORD=${PGPASSWORD:-postgres}
psql_admin() { psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$@"; }
declare -A http_port grpc_port pid
for i in "${!services[@]}"; do
  http_port[${services[$i]}]=$((18000 + $$ % 400 * 5 + i * 2)); grpc_port[${services[$i]}]=$((18001 + $$ % 400 * 5 + i * 2))
done

cleanup() {
  for s in "${!pid[@]}"; do kill "${pid[$s]}" 2>/dev/null || true; done
  for s in "${!pid[@]}"; do wait "${pid[$s]}" 2>/dev/null || true; done
  for s in "${services[@]}"; do
    psql_admin -c "DROP DATABASE IF EXISTS ${run}_${s//-/_} WITH (FORCE)" \
      -c "DROP ROLE IF EXISTS ${run}_${s//-/_}_owner" -c "DROP ROLE IF EXISTS ${run}_${s//-/_}_app" 2>/dev/null || true
  done
  rabbitmq_env timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" delete_vhost "$vhost" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Where the charts name another service, the local address of that service when it runs here too.
local_values() {
  local s=$1 has=" ${services[*]} "
  # With grid beside it, identity creates a root org node at start (Identity:Bootstrap:Root), whose
  # OrgNodeCreated must reach grid's copy of the org tree through the outbox and RabbitMQ.
  if [ "$s" = identity ] && [[ $has == *" grid "* ]]; then
    printf "%s\n" --set "config.Identity__Bootstrap__Root__Code=632801" --set "config.Identity__Bootstrap__Root__Name=Root" \
      --set "config.Identity__Bootstrap__Root__Level=county"
  fi
  if [[ $has == *" identity "* ]]; then
    printf "%s\n" --set "auth.issuer=http://127.0.0.1:${http_port[identity]}"
    [ "$s" = video-alert ] && printf "%s\n" --set "config.VideoAlert__Grid__TokenEndpoint=http://127.0.0.1:${http_port[identity]}/connect/token"
    [ "$s" = assessment ] && printf "%s\n" --set "config.Assessment__Population__TokenEndpoint=http://127.0.0.1:${http_port[identity]}/connect/token"
  fi
  if [[ $has == *" grid "* ]]; then
    [ "$s" = video-alert ] && printf "%s\n" --set "config.VideoAlert__Grid__Address=http://127.0.0.1:${grpc_port[grid]}"
    [ "$s" = population ] && printf "%s\n" --set "config.Population__Grid__Address=http://127.0.0.1:${grpc_port[grid]}"
  fi
  if [[ $has == *" population "* ]]; then
    [ "$s" = assessment ] && printf "%s\n" --set "config.Assessment__Population__Address=http://127.0.0.1:${grpc_port[population]}"
  fi
  return 0
}

rabbitmq_env timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" add_vhost "$vhost" >/dev/null
rabbitmq_env timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null

# Like a pod: read-only root, a fresh /tmp, uid/gid 1654, an environment of what the chart gives only.
# exec all the way down (unshare, sh, setpriv, env, dotnet): one PID, so stopping it stops the host.
as_pod() { # env-file... -- command...
  local envs=()
  while [ "$1" != -- ]; do mapfile -t -O "${#envs[@]}" envs < "$1"; shift; done; shift
  exec unshare -m --propagation private sh -c 'mount --bind / / && mount -o remount,bind,ro / && mount -t tmpfs -o size=256m tmpfs /tmp && cd / && exec "$@"' \
    sh setpriv --reuid=1654 --regid=1654 --clear-groups --no-new-privs env -i PATH=/usr/bin:/bin:/usr/share/dotnet "${envs[@]}" "$@"
}

for s in "${services[@]}"; do
  dir=$work/$s db=${run}_${s//-/_}
  mkdir -p "$dir"
  "$tools/helm" dependency build "charts/$s" >/dev/null
  mapfile -t values < <(local_values "$s")
  "$tools/helm" template "$s" "charts/$s" "${values[@]}" > "$dir/rendered.yaml"
  # What the chart gives: the Job's command and inline env, the ConfigMap, the secret references.
  NODE_PATH=$tools/node_modules node - "$dir" <<'JS'
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
  # Secrets supplied locally: the database's two roles, the broker's vhost, a random 32-byte key for the rest.
  psql_admin -c "CREATE ROLE ${db}_owner LOGIN PASSWORD 'owner'" -c "CREATE ROLE ${db}_app LOGIN PASSWORD 'app'" \
    -c "CREATE DATABASE $db OWNER ${db}_owner"
  psql_admin -d "$db" -c "ALTER SCHEMA public OWNER TO ${db}_owner"
  for kind in job pod; do
    while IFS=$'\t' read -r name key optional; do
      [ -n "$name" ] && [ "$optional" != 1 ] || continue
      case "$key" in
        connection-string) if [ "$name" = ConnectionStrings__rabbitmq ]; then value="amqp://guest:guest@127.0.0.1:5672/$vhost";
                           else value="Host=127.0.0.1;Database=$db;Username=${db}_app;Password=app"; fi ;;
        owner-connection-string) value="Host=127.0.0.1;Database=$db;Username=${db}_owner;Password=owner" ;;
        *) value=$(head -c 32 /dev/urandom | base64) ;;
      esac
      printf '%s=%s\n' "$name" "$value"
    done < "$dir/$kind.secrets" > "$dir/$kind.secrets.env"
  done
  printf 'Hosting__BindAddress=127.0.0.1\nHosting__HttpPort=%s\nHosting__GrpcPort=%s\n' "${http_port[$s]}" "${grpc_port[$s]}" > "$dir/ports.env"
  grep -q '^VideoAlert__Sip' "$dir/config.env" && printf 'VideoAlert__Sip__Host=127.0.0.1\nVideoAlert__Sip__Port=0\n' >> "$dir/ports.env"

  assembly=$(sed -n 2p "$dir/pod.cmd"); assembly=${assembly%.dll}
  bin=$PWD/services/$s/$assembly/bin/Release/net10.0
  [ -f "$bin/$assembly.dll" ] || { echo "build it first: dotnet build services/$s/$assembly -c Release" >&2; exit 1; }
  echo "$bin" > "$dir/bin"

  echo "$(date -u +%T) $s: migrate: $(tr '\n' ' ' < "$dir/job.cmd")"
  mapfile -t cmd < "$dir/job.cmd"
  start=$SECONDS
  (as_pod "$dir/job.env" "$dir/job.secrets.env" -- "${cmd[0]}" "$bin/${cmd[1]}" "${cmd[@]:2}") > "$dir/migrate.log" 2>&1 \
    || { tail -n 20 "$dir/migrate.log" >&2; exit 1; }
  grep -o '"Message":"Database [^"]*"' "$dir/migrate.log" | sed 's/"Message":/  /'
  echo "  migrated in $((SECONDS - start)) s"
done

start=$SECONDS
for s in "${services[@]}"; do
  dir=$work/$s
  mapfile -t cmd < "$dir/pod.cmd"
  as_pod "$dir/config.env" "$dir/pod.secrets.env" "$dir/ports.env" -- "${cmd[0]}" "$(cat "$dir/bin")/${cmd[1]}" > "$dir/serve.log" 2>&1 &
  pid[$s]=$!
  echo "$(date -u +%T) $s: serve: $(tr '\n' ' ' < "$dir/pod.cmd")as PID ${pid[$s]} on 127.0.0.1:${http_port[$s]} (HTTP) and :${grpc_port[$s]} (gRPC)"
done

# gRPC health answers from the ready checks' last publication (every 5 s, libs/Governance.Grpc), so it may
# still say NOT_SERVING for a few seconds after /health/ready turned 200: the startup probe waits as well.
grpc_health() { printf '\0\0\0\0\0' | curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' \
  --data-binary @- "http://127.0.0.1:$1/grpc.health.v1.Health/Check" | od -An -tx1 | tr -d ' \n'; }
for s in "${services[@]}"; do
  dir=$work/$s
  until curl -sf -o /dev/null "http://127.0.0.1:${http_port[$s]}/health/ready" && [ "$(grpc_health "${grpc_port[$s]}")" = 00000000020801 ]; do
    kill -0 "${pid[$s]}" 2>/dev/null || { echo "$s exited:" >&2; tail -n 20 "$dir/serve.log" >&2; exit 1; }
    [ $((SECONDS - start)) -lt 180 ] || { echo "$s not ready and SERVING in 180 s" >&2; tail -n 20 "$dir/serve.log" >&2; exit 1; }
    sleep 1
  done
  echo "$s: ready and gRPC SERVING $((SECONDS - start)) s after the start of all; PID ${pid[$s]} runs as uid $(ps -o uid= -p "${pid[$s]}" | tr -d ' ')," \
    "/health/live $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${http_port[$s]}/health/live")," \
    "$(ps -o rss= -p "${pid[$s]}" | awk '{printf "%d MiB", $1/1024}') resident"
done
if [[ " ${services[*]} " == *" identity "* && " ${services[*]} " == *" grid "* ]]; then
  start=$SECONDS
  until [ "$(psql_admin -d "${run}_grid" -Atc "SELECT count(*) FROM org_nodes WHERE \"Path\" LIKE '%632801%'")" = 1 ]; do
    [ $((SECONDS - start)) -lt 60 ] || { echo "identity's root org node did not reach grid in 60 s" >&2; exit 1; }
    sleep 1
  done
  echo "identity -> RabbitMQ -> grid: the root org node identity created at start is in grid's org_nodes ($((SECONDS - start)) s after all were ready)"
fi
for s in "${services[@]}"; do
  echo "$s: warnings and errors in its log:"
  grep -o '"LogLevel":"\(Warning\|Error\|Critical\)","Category":"[^"]*","Message":"[^"]\{0,160\}' "$work/$s/serve.log" | sed 's/^/    /' || echo "    none"
done
if [ "${HOLD:-0}" = 1 ]; then echo "running; Ctrl-C stops them"; sleep infinity & wait $!; fi
