#!/usr/bin/env bash
# Renders every chart with its default values into base/rendered/, the base the kustomize overlays
# patch. Run it after changing a chart (the chart tests fail while base/rendered/ differs from a fresh
# render). Needs helm: GOVERNANCE_CHART_TOOLS/helm (scripts/test-servers.sh install_chart_tools) or PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
helm=${GOVERNANCE_CHART_TOOLS:+$GOVERNANCE_CHART_TOOLS/helm}
helm=${helm:-$(command -v helm)}
for chart in identity grid mediation population video-alert assessment search gateway; do
  "$helm" dependency build "charts/$chart" >/dev/null
  "$helm" template "$chart" "charts/$chart" > "deploy/k8s/base/rendered/$chart.yaml"
done
echo "rendered into deploy/k8s/base/rendered/"
