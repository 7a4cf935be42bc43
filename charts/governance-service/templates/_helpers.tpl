{{/*
Names and labels. A service chart's values carry `service.name` (identity, grid, ...): every object is
named after it, so two services installed in one namespace never collide and a NetworkPolicy can name
its peers by label.
*/}}
{{- define "governance-service.name" -}}
{{- required "service.name is required (e.g. grid)" .Values.service.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "governance-service.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- include "governance-service.name" . -}}
{{- end -}}
{{- end -}}

{{- define "governance-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "governance-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "governance-service.labels" -}}
{{ include "governance-service.selectorLabels" . }}
app.kubernetes.io/part-of: governance
app.kubernetes.io/version: {{ include "governance-service.tag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/*
The image tag, pinned: rendering fails on an empty tag or `latest`, because a pod that restarts must run
the bytes it was tested with, and the migration Job must run the same schema as the replicas.
*/}}
{{- define "governance-service.tag" -}}
{{- $tag := toString (.Values.image.tag | default "") | trim -}}
{{- if eq $tag "" -}}
{{- fail (printf "image.tag of %s is empty: pin a released tag (never latest)" .Values.service.name) -}}
{{- end -}}
{{- if eq (lower $tag) "latest" -}}
{{- fail (printf "image.tag of %s is '%s': pin a released tag" .Values.service.name $tag) -}}
{{- end -}}
{{- $tag -}}
{{- end -}}

{{- define "governance-service.image" -}}
{{- $repository := required "image.repository is required" .Values.image.repository -}}
{{- if .Values.image.digest -}}
{{- printf "%s:%s@%s" $repository (include "governance-service.tag" .) .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (include "governance-service.tag" .) -}}
{{- end -}}
{{- end -}}

{{- define "governance-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "governance-service.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The host's DLL, e.g. Governance.Grid.Host.dll. */}}
{{- define "governance-service.dll" -}}
{{- printf "%s.dll" (required "service.assembly is required (e.g. Governance.Grid.Host)" .Values.service.assembly) -}}
{{- end -}}

{{/*
Configuration as environment variables (ASP.NET reads `Section__Key` as `Section:Key`). One map: the
platform keys every host reads, then the chart's `config`, which wins. Secrets never go here: the
ConfigMap is readable by anyone who may read the namespace's configuration.
*/}}
{{- define "governance-service.configData" -}}
{{- $v := .Values -}}
{{- /* HOME on the /tmp emptyDir: the root filesystem is read-only, and ASP.NET writes its data-protection
       key ring under $HOME/.aspnet at start (seen with grid's host); those keys are per pod anyway. */ -}}
{{- $data := dict
  "HOME" "/tmp"
  "DOTNET_ENVIRONMENT" ($v.environment | default "Production")
  "Hosting__BindAddress" "0.0.0.0"
  "Hosting__HttpPort" "8080"
  "Hosting__GrpcPort" "8081"
  "OTEL_SERVICE_NAME" (include "governance-service.name" .)
-}}
{{- /* The bus only for a service that has a broker (the gateway has none). */ -}}
{{- if $v.secrets.rabbitmq.name -}}
{{- $_ := set $data "Messaging__ServiceName" (include "governance-service.name" .) -}}
{{- $_ := set $data "Messaging__QuorumQueues" (toString $v.messaging.quorumQueues) -}}
{{- end -}}
{{- if $v.auth.issuer -}}
{{- $_ := set $data "Auth__Issuer" $v.auth.issuer -}}
{{- $_ := set $data "Auth__Audience" (required "auth.audience is required when auth.issuer is set" $v.auth.audience) -}}
{{- end -}}
{{- if hasKey $v.auth "requireHttpsMetadata" -}}
{{- $_ := set $data "Auth__RequireHttpsMetadata" (toString $v.auth.requireHttpsMetadata) -}}
{{- end -}}
{{- if $v.auth.metadataAddress -}}
{{- $_ := set $data "Auth__MetadataAddress" $v.auth.metadataAddress -}}
{{- end -}}
{{- range $i, $proxy := $v.trustedProxies -}}
{{- $_ := set $data (printf "Hosting__TrustedProxies__%d" $i) $proxy -}}
{{- end -}}
{{- with $v.telemetry -}}
{{- if .otlpEndpoint -}}
{{- $_ := set $data "OTEL_EXPORTER_OTLP_ENDPOINT" .otlpEndpoint -}}
{{- $_ := set $data "OTEL_EXPORTER_OTLP_PROTOCOL" (.otlpProtocol | default "grpc") -}}
{{- end -}}
{{- $attributes := list (printf "service.namespace=%s" ($.Values.telemetry.serviceNamespace | default "governance")) (printf "service.version=%s" (include "governance-service.tag" $)) -}}
{{- range $key := keys (.resourceAttributes | default dict) | sortAlpha -}}
{{- $attributes = append $attributes (printf "%s=%s" $key (toString (get $.Values.telemetry.resourceAttributes $key))) -}}
{{- end -}}
{{- $_ := set $data "OTEL_RESOURCE_ATTRIBUTES" (join "," $attributes) -}}
{{- end -}}
{{- /* With the Dapr sidecar on, the service's gRPC clients call other services through it by app id
       (libs/Governance.Grpc DaprSidecar); the injector gives the container DAPR_GRPC_PORT. */ -}}
{{- if ($v.dapr).enabled -}}
{{- $_ := set $data "Dapr__Enabled" "true" -}}
{{- end -}}
{{- range $key, $value := $v.config -}}
{{- $_ := set $data $key (toString $value) -}}
{{- end -}}
{{- toYaml $data -}}
{{- end -}}

{{/* The database secret's name: the chart's own setting, or `<service>-database`. */}}
{{- define "governance-service.databaseSecret" -}}
{{- .Values.secrets.database.name | default (printf "%s-database" (include "governance-service.name" .)) -}}
{{- end -}}

{{/*
Secrets for the serving container, by reference only: the database's runtime role (never its owner),
the broker, and each entry of `secrets.extra` ({env, name, key}). Values never appear in the chart.
*/}}
{{- define "governance-service.secretEnv" -}}
{{- $v := .Values -}}
{{- if $v.service.database }}
- name: {{ printf "ConnectionStrings__%s" $v.service.database }}
  valueFrom:
    secretKeyRef:
      name: {{ include "governance-service.databaseSecret" . }}
      key: {{ $v.secrets.database.runtimeKey }}
{{- end }}
{{- if $v.secrets.rabbitmq.name }}
- name: ConnectionStrings__rabbitmq
  valueFrom:
    secretKeyRef:
      name: {{ $v.secrets.rabbitmq.name }}
      key: {{ $v.secrets.rabbitmq.key }}
{{- end }}
{{- range $v.secrets.extra }}
- name: {{ required "secrets.extra[].env is required" .env }}
  valueFrom:
    secretKeyRef:
      name: {{ required "secrets.extra[].name is required" .name }}
      key: {{ required "secrets.extra[].key is required" .key }}
      {{- if hasKey . "optional" }}
      optional: {{ .optional }}
      {{- end }}
{{- end }}
{{- end -}}

{{- define "governance-service.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.runAsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "governance-service.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}
