{{/*
Everything a service needs, in one include: a service chart's templates/service.yaml holds
`{{ include "governance-service.all" . }}` and its values.yaml the settings (see charts/README.md).
*/}}
{{- define "governance-service.all" -}}
{{- $parts := list "serviceaccount" "configmap" "service" "deployment" "pdb" "hpa" "networkpolicy" "migrationnetworkpolicy" "migration" -}}
{{- range $parts }}
{{- $rendered := include (printf "governance-service.%s" .) $ | trim -}}
{{- if $rendered }}
---
{{ $rendered }}
{{- end }}
{{- end }}
{{- end -}}
