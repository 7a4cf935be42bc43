{{- define "governance-service.deployment" -}}
{{- $v := .Values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "governance-service.fullname" . }}
  labels:
    {{- include "governance-service.labels" . | nindent 4 }}
    app.kubernetes.io/component: server
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "governance-service.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: server
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "governance-service.labels" . | nindent 8 }}
        app.kubernetes.io/component: server
      annotations:
        # A changed configuration rolls the pods: they read it only at start.
        checksum/config: {{ include "governance-service.configData" . | sha256sum }}
        {{- if $v.dapr.enabled }}
        dapr.io/enabled: "true"
        dapr.io/app-id: {{ $v.dapr.appId | default (include "governance-service.name" .) | quote }}
        dapr.io/app-port: "8081"
        dapr.io/app-protocol: grpc
        dapr.io/enable-metrics: "true"
        {{- with $v.dapr.config }}
        dapr.io/config: {{ . | quote }}
        {{- end }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "governance-service.serviceAccountName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "governance-service.podSecurityContext" . | nindent 8 }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      topologySpreadConstraints:
        {{- range $v.topologySpread.topologyKeys }}
        - maxSkew: {{ $v.topologySpread.maxSkew }}
          topologyKey: {{ . }}
          whenUnsatisfiable: {{ $v.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "governance-service.selectorLabels" $ | nindent 14 }}
              app.kubernetes.io/component: server
          matchLabelKeys:
            - pod-template-hash
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ include "governance-service.name" . }}
          image: {{ include "governance-service.image" . }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          # Serves only (no `migrate` argument): the pre-install/pre-upgrade Job migrates, never a replica.
          command: ["dotnet", {{ include "governance-service.dll" . | quote }}]
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: grpc
              containerPort: 8081
              protocol: TCP
            {{- with $v.extraPorts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "governance-service.fullname" . }}
          {{- /* Secrets by reference; none for a service without a database or broker (the gateway). */}}
          {{- $secretEnv := include "governance-service.secretEnv" . | trim }}
          {{- if $secretEnv }}
          env:
            {{- $secretEnv | nindent 12 }}
          {{- end }}
          startupProbe:
            # The gRPC listener answers grpc.health.v1 (anonymous) with the ready checks once the host is up.
            # Up to 3 minutes: five hosts starting at once on two busy cores took 95-115 s (charts/README.md).
            grpc:
              port: 8081
            periodSeconds: 2
            failureThreshold: 90
          livenessProbe:
            httpGet:
              path: /health/live
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /health/ready
              port: http
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- include "governance-service.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        # The root filesystem is read-only; .NET's diagnostics socket and temp files go here.
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit }}
{{- end -}}
