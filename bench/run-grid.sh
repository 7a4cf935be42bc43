#!/usr/bin/env bash
# Point → grid look-ups per second on one core over 22,438 synthetic grids (a province's count in
# the seed reports), against NTS's STRtree + prepared-geometry Contains in the same run; first with
# Voronoi grids of ~6 vertices, then with every edge split in 8 (~48 vertices, closer to real
# boundaries). Usage: bench/run-grid.sh [grids=22438] [seconds per round=3] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Governance.Bench.Grid -c Release -v q -nologo >/dev/null
DLL=bench/Governance.Bench.Grid/bin/Release/net10.0/Governance.Bench.Grid.dll
for segments in 1 8; do
  dotnet "$DLL" "${1:-22438}" "${2:-3}" "${3:-3}" "$segments"
done
