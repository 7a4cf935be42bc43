{{- define "governance-service.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "governance-service.fullname" . }}
  labels:
    {{- include "governance-service.labels" . | nindent 4 }}
data:
  {{- include "governance-service.configData" . | nindent 2 }}
{{- end -}}
