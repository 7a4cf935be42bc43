#!/usr/bin/env bash
# Loads the echo unary rpc through grpc-dotnet as the platform configures it (AddGrpcServer) and through
# inline framing with no library (same host, two ports) with h2load, alternating, and prints req/s, the
# grpc/raw ratio and the p99 latency at -c 1 -m 1 (from h2load's per-request log); then the generated
# client's calls/s against grpc-dotnet, 64 in flight.
# Usage: bench/run-grpc.sh [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
LAYER=5301 RAW=5302
PATH_SAY=/governance.bench.v1.Echo/Say
WORK=$(mktemp -d)

command -v h2load >/dev/null || { echo "h2load missing: apt-get install -y nghttp2-client" >&2; exit 1; }
dotnet build bench/Governance.Bench.Grpc -c Release -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
dotnet bench/Governance.Bench.Grpc/bin/Release/net10.0/Governance.Bench.Grpc.dll $LAYER $RAW >"$WORK/host.log" 2>&1 &
HOST=$!
trap 'kill $HOST 2>/dev/null; wait $HOST 2>/dev/null; rm -rf "$WORK"' EXIT

# One gRPC frame: uncompressed, length 7, SayRequest{text:"hello"} (field 1, length 5).
printf '\x00\x00\x00\x00\x07\x0a\x05hello' >"$WORK/body"
for _ in $(seq 100); do grep -q "grpc on" "$WORK/host.log" && break; sleep 0.2; done
grep -q "grpc on" "$WORK/host.log" || { cat "$WORK/host.log" >&2; exit 1; }

# run NAME PORT CLIENTS STREAMS REQUESTS -> prints "req/s p99_ms"
run() {
  local out
  out=$(h2load -c "$3" -m "$4" -n "$5" -d "$WORK/body" --log-file="$WORK/$1.log" \
        -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$2$PATH_SAY")
  grep -q "succeeded, 0 errored" <<<"$out" || grep -q "$5 succeeded" <<<"$out" || { echo "$out" >&2; exit 1; }
  local rps p99
  rps=$(grep -oP 'finished in [^,]+, \K[0-9.]+(?= req/s)' <<<"$out")
  p99=$(cut -f3 "$WORK/$1.log" | sort -n | awk '{v[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.3f", v[i]/1000}')
  echo "$rps $p99"
}

run warm-l $LAYER 8 16 200000 >/dev/null; run warm-r $RAW 8 16 200000 >/dev/null
printf '%-6s %-12s %12s %12s %8s %14s %14s\n' round load grpc_rps raw_rps ratio grpc_p99_ms raw_p99_ms
for round in $(seq "$ROUNDS"); do
  for load in "8 16 200000" "1 1 30000"; do
    set -- $load
    read -r lr lp < <(run "l$round-$1" $LAYER "$1" "$2" "$3")
    read -r rr rp < <(run "r$round-$1" $RAW "$1" "$2" "$3")
    ratio=$(awk -v a="$lr" -v b="$rr" 'BEGIN {printf "%.2f", a/b}')
    if [ "$1" = 1 ]; then printf '%-6s %-12s %12s %12s %8s %14s %14s\n' "$round" "-c1 -m1" "$lr" "$rr" "$ratio" "$lp" "$rp"
    else printf '%-6s %-12s %12s %12s %8s %14s %14s\n' "$round" "-c8 -m16" "$lr" "$rr" "$ratio" - -; fi
  done
done
# The generated client against grpc-dotnet, 64 calls in flight.
dotnet bench/Governance.Bench.Grpc/bin/Release/net10.0/Governance.Bench.Grpc.dll client $LAYER 200000 64
