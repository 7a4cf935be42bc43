#!/usr/bin/env bash
# A real rpc through a whole service pipeline: grid's LocateGrid with a bearer token on the standalone
# host (every middleware on: telemetry, rate limits, JwtBearer, authorization, the interceptor), against
# the raw echo (inline framing, no library; bench/Governance.Bench.Grpc) in the same run, alternating,
# with h2load -c 8 -m 16. Also prints LocateGrid without a token (the refusal's path) for comparison.
# Usage: bench/run-locate-grid.sh [rounds=3] [requests per run=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3} REQUESTS=${2:-100000}
HTTP=5411 GRPC=5412 ECHO_GRPC=5301 RAW=5302
WORK=$(mktemp -d)

command -v h2load >/dev/null || { echo "h2load missing: apt-get install -y nghttp2-client" >&2; exit 1; }
for project in deploy/standalone bench/Governance.Bench.Grpc; do
  dotnet build "$project" -c Release -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
done
# The standalone host seeds its demo county into a fresh ./data under the work directory.
(cd "$WORK" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet "$ROOT/deploy/standalone/bin/Release/net10.0/Governance.Standalone.dll" \
   --Hosting:HttpPort=$HTTP --Hosting:GrpcPort=$GRPC >"$WORK/standalone.log" 2>&1) &
STANDALONE=$!
dotnet bench/Governance.Bench.Grpc/bin/Release/net10.0/Governance.Bench.Grpc.dll $ECHO_GRPC $RAW >"$WORK/echo.log" 2>&1 &
ECHO=$!
trap 'kill $STANDALONE $ECHO 2>/dev/null; wait $STANDALONE $ECHO 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

password=""
for _ in $(seq 300); do
  password=$(grep -oP 'all with the password \K\S+(?= \.)' "$WORK/standalone.log" | head -1 || true)
  [ -n "$password" ] && grep -q "grpc on" "$WORK/echo.log" && curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && break
  sleep 0.5
done
[ -n "$password" ] || { tail -50 "$WORK/standalone.log" >&2; exit 1; }
token=$(curl -sf "http://127.0.0.1:$HTTP/connect/token" -d grant_type=password -d client_id=cli \
          -d username=demo-centre-operator -d "password=$password" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

# One gRPC frame each: LocateGridRequest{latitude, longitude} inside the demo county's first community,
# and the echo's SayRequest{text:"hello"}.
python3 - "$WORK/locate" <<'PY'
import struct, sys
body = b'\x09' + struct.pack('<d', 36.385) + b'\x11' + struct.pack('<d', 94.865)
open(sys.argv[1], 'wb').write(b'\x00' + struct.pack('>I', len(body)) + body)
PY
printf '\x00\x00\x00\x00\x07\x0a\x05hello' >"$WORK/echo"

# run BODY URL [header...] -> prints req/s; fails unless every call ended with grpc-status 0 (checked
# once with curl, since h2load counts only HTTP statuses).
run() {
  local body=$1 url=$2; shift 2
  local args=() out
  for h in "$@"; do args+=(-H "$h"); done
  out=$(h2load -c 8 -m 16 -n "$REQUESTS" -d "$body" -H 'content-type: application/grpc' -H 'te: trailers' "${args[@]}" "$url")
  grep -q "$REQUESTS succeeded" <<<"$out" || { echo "$out" >&2; exit 1; }
  grep -oP 'finished in [^,]+, \K[0-9.]+(?= req/s)' <<<"$out"
}
grpc_status() {
  local body=$1 url=$2; shift 2
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  curl -s --http2-prior-knowledge -o /dev/null -D - --data-binary "@$body" -H 'content-type: application/grpc' -H 'te: trailers' "${args[@]}" "$url" \
    | grep -oiP '^grpc-status: \K[0-9]+' | head -1
}
LOCATE="http://127.0.0.1:$GRPC/governance.grid.v1.GridService/LocateGrid"
SAY="http://127.0.0.1:$RAW/governance.bench.v1.Echo/Say"
# The demo grids are seeded after the host reports ready: wait until the point lies in one.
for _ in $(seq 120); do
  [ "$(grpc_status "$WORK/locate" "$LOCATE" "authorization: Bearer $token")" = 0 ] && break
  sleep 0.5
done
[ "$(grpc_status "$WORK/locate" "$LOCATE" "authorization: Bearer $token")" = 0 ] || { echo "LocateGrid with the token did not answer OK" >&2; exit 1; }
[ "$(grpc_status "$WORK/locate" "$LOCATE")" = 16 ] || { echo "LocateGrid without a token was not refused UNAUTHENTICATED" >&2; exit 1; }

# Warm-up until the JIT's tiers have settled on every path measured.
for _ in 1 2 3; do run "$WORK/locate" "$LOCATE" "authorization: Bearer $token" >/dev/null; done
run "$WORK/locate" "$LOCATE" >/dev/null; run "$WORK/echo" "$SAY" >/dev/null
printf '%-6s %14s %14s %14s %8s\n' round locate_rps anonymous_rps raw_echo_rps ratio
for round in $(seq "$ROUNDS"); do
  located=$(run "$WORK/locate" "$LOCATE" "authorization: Bearer $token")
  refused=$(run "$WORK/locate" "$LOCATE")
  raw=$(run "$WORK/echo" "$SAY")
  printf '%-6s %14s %14s %14s %8s\n' "$round" "$located" "$refused" "$raw" "$(awk -v a="$located" -v b="$raw" 'BEGIN {printf "%.2f", a/b}')"
done
