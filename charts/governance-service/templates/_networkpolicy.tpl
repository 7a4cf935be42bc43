{{/*
Who may talk to a service's pods. Ingress: 8080 and 8081 from pods of the same namespace; 8080 from anywhere
only when `networkPolicy.ingressFromOutside` is set (the gateway alone), plus `networkPolicy.extraIngress`
(video-alert's SIP port). Egress: DNS, the database, the broker, the issuer (identity's HTTP port), other
services' gRPC port in the namespace, the OpenTelemetry collector when one is set, and `extraEgress`. With the Dapr
sidecar on, also Dapr's sidecar-to-sidecar port 50002 both ways within the namespace and its control plane's namespace.
Each destination is a list of NetworkPolicyPeers in values; an empty list means "any address on that
port", which a platform team narrows in its production values.
*/}}
{{- define "governance-service.egressRule" -}}
- ports:
    {{- range .ports }}
    - port: {{ .port }}
      protocol: {{ .protocol | default "TCP" }}
    {{- end }}
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "governance-service.networkpolicy" -}}
{{- $np := .Values.networkPolicy -}}
{{- if $np.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "governance-service.fullname" . }}
  labels:
    {{- include "governance-service.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "governance-service.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: server
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - ports:
        - port: 8080
          protocol: TCP
        - port: 8081
          protocol: TCP
      from:
        - podSelector: {}
    {{- if $np.ingressFromOutside }}
    {{- /* From anywhere: the HTTP port only. 8081 (cleartext HTTP/2, there for the gRPC health probe) runs the same
    pipeline, so a gateway open on it would proxy to the services without the ingress's TLS in front. */}}
    - ports:
        - port: 8080
          protocol: TCP
    {{- end }}
    {{- if (.Values.dapr).enabled }}
    {{- /* Sidecar to sidecar: Dapr's internal gRPC port, from the namespace's other sidecars. */}}
    - ports:
        - port: 50002
          protocol: TCP
      from:
        - podSelector: {}
    {{- end }}
    {{- with $np.extraIngress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  egress:
    {{- include "governance-service.egressRule" $np.egress.dns | nindent 4 }}
    {{- if .Values.service.database }}
    {{- include "governance-service.egressRule" $np.egress.database | nindent 4 }}
    {{- end }}
    {{- if .Values.secrets.rabbitmq.name }}
    {{- include "governance-service.egressRule" $np.egress.broker | nindent 4 }}
    {{- end }}
    {{- include "governance-service.egressRule" $np.egress.issuer | nindent 4 }}
    {{- include "governance-service.egressRule" $np.egress.services | nindent 4 }}
    {{- if .Values.telemetry.otlpEndpoint }}
    {{- include "governance-service.egressRule" $np.egress.telemetry | nindent 4 }}
    {{- end }}
    {{- if (.Values.dapr).enabled }}
    {{- /* The sidecar calls the other sidecars, and Dapr's control plane (sentry for its certificates, the operator,
           placement) in its own namespace. */}}
    - ports:
        - port: 50002
          protocol: TCP
      to:
        - podSelector: {}
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ .Values.dapr.controlPlaneNamespace | default "dapr-system" }}
    {{- end }}
    {{- with $np.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}

{{/*
The migration Job's own policy: its pods take no traffic and reach DNS and the database only (the Job is given no
broker, issuer or service address). The serving policy above selects `component: server` pods, so without this one a
namespace's default-deny would cut the Job off from its database, and without a default-deny the Job would be
unrestricted. A hook like the Job, created before it (weight -10 against the Job's -5): at install the release's own
objects do not exist yet when the Job runs. Helm deletes succeeded hooks only once every hook of the event has
succeeded, so the policy stands while the Job runs and goes with it.
*/}}
{{- define "governance-service.migrationnetworkpolicy" -}}
{{- $np := .Values.networkPolicy -}}
{{- if and $np.enabled .Values.service.database .Values.migration.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ printf "%s-migrate" (include "governance-service.fullname" .) | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "governance-service.labels" . | nindent 4 }}
    app.kubernetes.io/component: migration
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-10"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  podSelector:
    matchLabels:
      {{- include "governance-service.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: migration
  policyTypes:
    - Ingress
    - Egress
  egress:
    {{- include "governance-service.egressRule" $np.egress.dns | nindent 4 }}
    {{- include "governance-service.egressRule" $np.egress.database | nindent 4 }}
{{- end -}}
{{- end -}}
