{{- define "governance-service.serviceaccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "governance-service.serviceAccountName" . }}
  labels:
    {{- include "governance-service.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
# The hosts never call the Kubernetes API: no token is mounted.
automountServiceAccountToken: false
{{- end -}}
{{- end -}}
