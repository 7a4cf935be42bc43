{{/*
The schema migration: `dotnet <Service>.Host.dll migrate` once per install and upgrade, before any new
replica starts, signed in as the database's owner role (ConnectionStrings:<db>-owner); the runtime
connection is passed too, because its user is the role the migration grants (ADR 0011). A hook runs
before the release's ConfigMap and ServiceAccount exist, so its configuration is inline and it runs
under the namespace's default ServiceAccount, without a token.
*/}}
{{- define "governance-service.migration" -}}
{{- $v := .Values -}}
{{- if and $v.service.database $v.migration.enabled -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ printf "%s-migrate" (include "governance-service.fullname" .) | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "governance-service.labels" . | nindent 4 }}
    app.kubernetes.io/component: migration
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ $v.migration.backoffLimit }}
  activeDeadlineSeconds: {{ $v.migration.activeDeadlineSeconds }}
  ttlSecondsAfterFinished: {{ $v.migration.ttlSecondsAfterFinished }}
  template:
    metadata:
      labels:
        {{- include "governance-service.selectorLabels" . | nindent 8 }}
        app.kubernetes.io/part-of: governance
        app.kubernetes.io/component: migration
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "governance-service.podSecurityContext" . | nindent 8 }}
      containers:
        - name: migrate
          image: {{ include "governance-service.image" . }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          command: ["dotnet", {{ include "governance-service.dll" . | quote }}]
          args: ["migrate"]
          env:
            {{- range $key, $value := (include "governance-service.configData" . | fromYaml) }}
            - name: {{ $key }}
              value: {{ toString $value | quote }}
            {{- end }}
            - name: {{ printf "ConnectionStrings__%s" $v.service.database }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "governance-service.databaseSecret" . }}
                  key: {{ $v.secrets.database.runtimeKey }}
            - name: {{ printf "ConnectionStrings__%s-owner" $v.service.database }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "governance-service.databaseSecret" . }}
                  key: {{ $v.secrets.database.ownerKey }}
          resources:
            {{- toYaml $v.migration.resources | nindent 12 }}
          securityContext:
            {{- include "governance-service.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit }}
{{- end -}}
{{- end -}}
