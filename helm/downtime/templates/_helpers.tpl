{{/*
Chart name (nameOverride), truncated to 63 characters.
*/}}
{{- define "downtime.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: fullnameOverride, or "<release>-<name>" (just the release when it already contains the name).
Component objects are "<fullname>-<component>", so this stays short enough for them.
*/}}
{{- define "downtime.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"<chart>-<version>" for the helm.sh/chart label.
*/}}
{{- define "downtime.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fixed facts of each component: the application name, the port its HTTP server listens on (quarkus.http.port
in the service's application.properties), the port of its management interface (quarkus.management.port: health
and metrics, never on the API port) and the environment variable naming its database.
Usage: (include "downtime.component" (dict "component" "incident") | fromYaml)
*/}}
{{- define "downtime.component" -}}
{{- if eq .component "probe" }}
app: probe-service
port: 8081
managementPort: 9081
dbEnv: DOWNTIME_PROBE_DB
{{- else if eq .component "incident" }}
app: incident-service
port: 8082
managementPort: 9082
dbEnv: DOWNTIME_INCIDENT_DB
{{- else if eq .component "sla" }}
app: sla-service
port: 8083
managementPort: 9083
dbEnv: DOWNTIME_SLA_DB
{{- else }}
{{- fail (printf "unknown component %q (probe, incident, sla)" .component) }}
{{- end }}
{{- end }}

{{/*
Name of a component's objects. Usage: include "downtime.componentName" (dict "ctx" $ "component" "probe")
*/}}
{{- define "downtime.componentName" -}}
{{- printf "%s-%s" (include "downtime.fullname" .ctx) .component }}
{{- end }}

{{/*
Labels shared by every object of the release (no component).
*/}}
{{- define "downtime.commonLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
{{ include "downtime.baseLabels" . }}
{{- end }}

{{/*
Labels of every object, less the instance and component ones.
*/}}
{{- define "downtime.baseLabels" -}}
helm.sh/chart: {{ include "downtime.chart" . }}
app.kubernetes.io/part-of: downtime
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels of a component: stable for the life of the release (never a version).
Usage: include "downtime.selectorLabels" (dict "ctx" $ "component" "probe")
*/}}
{{- define "downtime.selectorLabels" -}}
{{- $c := include "downtime.component" . | fromYaml -}}
app.kubernetes.io/name: {{ $c.app }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Labels of a component's objects: the common labels and its selector labels.
Usage: include "downtime.labels" (dict "ctx" $ "component" "probe")
*/}}
{{- define "downtime.labels" -}}
{{ include "downtime.baseLabels" .ctx }}
{{ include "downtime.selectorLabels" . }}
{{- end }}

{{/*
Labels every pod of the release carries (what the default-deny policy selects).
*/}}
{{- define "downtime.releasePodLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: downtime
{{- end }}

{{/*
Name of the ServiceAccount.
*/}}
{{- define "downtime.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "downtime.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image of a component: <registry>/<repository>:<tag>.
Usage: include "downtime.image" (dict "ctx" $ "component" "probe")
*/}}
{{- define "downtime.image" -}}
{{- $values := index .ctx.Values .component }}
{{- $tag := $values.image.tag | default .ctx.Values.image.tag | default .ctx.Chart.AppVersion }}
{{- if .ctx.Values.image.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" .ctx.Values.image.registry) $values.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" $values.image.repository $tag }}
{{- end }}
{{- end }}

{{/*
Whether this release is the primary region's.
*/}}
{{- define "downtime.isPrimary" -}}
{{- if eq .Values.regionRole "primary" }}true{{ end }}
{{- end }}

{{/*
Replicas of a Deployment component (incident, sla) in this region's role.
*/}}
{{- define "downtime.replicas" -}}
{{- $values := index .ctx.Values .component }}
{{- if include "downtime.isPrimary" .ctx }}
{{- $values.replicas }}
{{- else }}
{{- $values.standbyReplicas }}
{{- end }}
{{- end }}

{{/*
Whether a component's HPA is in charge of its replicas: enabled and in the primary region.
*/}}
{{- define "downtime.autoscaled" -}}
{{- $values := index .ctx.Values .component }}
{{- if and $values.autoscaling.enabled (include "downtime.isPrimary" .ctx) }}true{{ end }}
{{- end }}

{{/*
URL of this release's incident-service Service.
*/}}
{{- define "downtime.localIncidentUrl" -}}
{{- printf "http://%s:%v" (include "downtime.componentName" (dict "ctx" . "component" "incident")) .Values.incident.service.port }}
{{- end }}

{{/*
probe-service's DOWNTIME_INCIDENT_URL: probe.incidentUrl, else (primary only) the local incident-service.
*/}}
{{- define "downtime.probeIncidentUrl" -}}
{{- if .Values.probe.incidentUrl }}
{{- .Values.probe.incidentUrl }}
{{- else if include "downtime.isPrimary" . }}
{{- include "downtime.localIncidentUrl" . }}
{{- else }}
{{- fail (printf "probe.incidentUrl is required in a standby region (%s): the primary region's incident-service URL" .Values.region) }}
{{- end }}
{{- end }}

{{/*
The secret part of sla-service's anchoring (sla.anchor): env entries reading the RPC URL and the private key
from sla.anchor.existingSecret with secretKeyRef (never a literal, never a ConfigMap). Empty when disabled;
fails when enabled without a Secret. The chain id is not secret: it is in the ConfigMap (downtime.configData).
*/}}
{{- define "downtime.slaAnchorEnv" -}}
{{- $anchor := .Values.sla.anchor }}
{{- if $anchor.enabled }}
{{- if not $anchor.existingSecret }}
{{- fail (printf "sla.anchor.existingSecret is required when sla.anchor.enabled is true: the name of an existing Secret with the keys %q (RPC URL) and %q (private key), see sla.anchor.secretKeys" $anchor.secretKeys.rpcUrl $anchor.secretKeys.privateKey) }}
{{- end }}
{{- range $env, $key := dict "DOWNTIME_SLA_ANCHOR_RPC_URL" $anchor.secretKeys.rpcUrl "DOWNTIME_SLA_ANCHOR_PRIVATE_KEY" $anchor.secretKeys.privateKey }}
- name: {{ $env }}
  valueFrom:
    secretKeyRef:
      name: {{ $anchor.existingSecret | quote }}
      key: {{ $key | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Non-secret environment of a component (its ConfigMap's data); <component>.extraEnv may override.
Usage: include "downtime.configData" (dict "ctx" $ "component" "sla")
*/}}
{{- define "downtime.configData" -}}
{{- $ctx := .ctx }}
{{- $values := index $ctx.Values .component }}
{{- $c := include "downtime.component" . | fromYaml }}
{{- $data := dict $c.dbEnv $values.database.name }}
{{- if eq .component "probe" }}
{{- $_ := set $data "DOWNTIME_REGION" $ctx.Values.region }}
{{- $_ := set $data "DOWNTIME_INCIDENT_URL" (include "downtime.probeIncidentUrl" $ctx) }}
{{- else }}
{{- /* a standby region's database is a read-only replica: migrations run where it is primary */}}
{{- $_ := set $data "QUARKUS_FLYWAY_MIGRATE_AT_START" (ternary "true" "false" (eq $ctx.Values.regionRole "primary")) }}
{{- end }}
{{- if eq .component "sla" }}
{{- $_ := set $data "DOWNTIME_INCIDENT_URL" ($values.incidentUrl | default (include "downtime.localIncidentUrl" $ctx)) }}
{{- if $values.anchor.enabled }}
{{- /* int64 first: a chain id from a values file is a float64 and would print as 1.1155111e+07 */}}
{{- $_ := set $data "DOWNTIME_SLA_ANCHOR_CHAIN_ID" (printf "%d" ($values.anchor.chainId | int64)) }}
{{- end }}
{{- end }}
{{- /* bearer-token verification (auth.jwt) */}}
{{- $jwt := $ctx.Values.auth.jwt }}
{{- $_ := set $data "DOWNTIME_JWT_ISSUER" $jwt.issuer }}
{{- $_ := set $data "DOWNTIME_JWT_PUBLIC_KEY_LOCATION" ($jwt.publicKeyLocation | default "/etc/downtime/jwt/publicKey.pem") }}
{{- with $jwt.audiences }}
{{- $_ := set $data "MP_JWT_VERIFY_AUDIENCES" . }}
{{- end }}
{{- with $jwt.groupsPath }}
{{- $_ := set $data "SMALLRYE_JWT_PATH_GROUPS" . }}
{{- end }}
{{- if has .component (list "probe" "sla") }}
{{- $_ := set $data "DOWNTIME_SERVICE_TOKEN_FILE" "/etc/downtime/service-token/token" }}
{{- end }}
{{- toYaml (merge (deepCopy $values.extraEnv) $data) }}
{{- end }}

{{/*
The Secret volumes of a component's authentication: the token verification key (auth.jwt.publicKeySecret, unless
auth.jwt.publicKeyLocation names a JWKS URL) and, for probe-service and sla-service, the token they present to
incident-service (auth.serviceTokens), mounted as files so that a rotated Secret is picked up without a restart.
Fails when neither a key location nor a key Secret is given, or when the service tokens Secret is missing.
Usage: include "downtime.authVolumes" (dict "ctx" $ "component" "sla")
*/}}
{{- define "downtime.authVolumes" -}}
{{- $auth := .ctx.Values.auth }}
{{- if not $auth.jwt.publicKeyLocation }}
{{- if not $auth.jwt.publicKeySecret }}
{{- fail "auth.jwt.publicKeyLocation (a JWKS URL of your OIDC provider) or auth.jwt.publicKeySecret (an existing Secret with the PEM public key) is required: every /api/** request is verified with it" }}
{{- end }}
- name: jwt
  secret:
    secretName: {{ $auth.jwt.publicKeySecret | quote }}
    items:
      - key: {{ $auth.jwt.publicKeySecretKey | quote }}
        path: publicKey.pem
{{- end }}
{{- if has .component (list "probe" "sla") }}
{{- if not $auth.serviceTokens.existingSecret }}
{{- fail "auth.serviceTokens.existingSecret is required: the Secret with the bearer tokens probe-service (role prober) and sla-service (role viewer) present to incident-service" }}
{{- end }}
- name: service-token
  secret:
    secretName: {{ $auth.serviceTokens.existingSecret | quote }}
    items:
      - key: {{ index $auth.serviceTokens.secretKeys .component | quote }}
        path: token
{{- end }}
{{- end }}

{{/*
The mounts of downtime.authVolumes. Usage: include "downtime.authMounts" (dict "ctx" $ "component" "sla")
*/}}
{{- define "downtime.authMounts" -}}
{{- if not .ctx.Values.auth.jwt.publicKeyLocation }}
- name: jwt
  mountPath: /etc/downtime/jwt
  readOnly: true
{{- end }}
{{- if has .component (list "probe" "sla") }}
- name: service-token
  mountPath: /etc/downtime/service-token
  readOnly: true
{{- end }}
{{- end }}

{{/*
The pod template of a component, shared by the StatefulSet and the Deployments.
Usage: include "downtime.podTemplate" (dict "ctx" $ "component" "incident")
*/}}
{{- define "downtime.podTemplate" -}}
{{- $ctx := .ctx }}
{{- $values := index $ctx.Values .component }}
{{- $c := include "downtime.component" . | fromYaml -}}
metadata:
  labels:
    {{- include "downtime.labels" . | nindent 4 }}
    {{- with $values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ include "downtime.configData" . | sha256sum }}
    prometheus.io/scrape: "true"
    prometheus.io/path: /q/metrics
    prometheus.io/port: {{ $c.managementPort | quote }}
    prometheus.io/scheme: http
    {{- with $values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "downtime.serviceAccountName" $ctx }}
  automountServiceAccountToken: {{ $ctx.Values.serviceAccount.automountServiceAccountToken }}
  {{- with $ctx.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
  securityContext:
    {{- toYaml $ctx.Values.podSecurityContext | nindent 4 }}
  containers:
    - name: {{ $c.app }}
      image: {{ include "downtime.image" . | quote }}
      imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
      ports:
        - name: http
          containerPort: {{ $c.port }}
          protocol: TCP
        # health and metrics (Quarkus management interface); not served on the http port
        - name: management
          containerPort: {{ $c.managementPort }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "downtime.componentName" . }}-config
        {{- with $values.envFromSecret }}
        - secretRef:
            name: {{ . }}
        {{- end }}
      env:
        {{- $secret := $values.database.existingSecret }}
        {{- range $env, $key := dict "PGHOST" $ctx.Values.database.secretKeys.host "PGPORT" $ctx.Values.database.secretKeys.port "PGUSER" $ctx.Values.database.secretKeys.username "PGPASSWORD" $ctx.Values.database.secretKeys.password }}
        - name: {{ $env }}
          valueFrom:
            secretKeyRef:
              name: {{ $secret }}
              key: {{ $key }}
        {{- end }}
        {{- if eq .component "probe" }}
        # each target is probed by exactly one replica: consistent hash of its name over [0, count)
        - name: DOWNTIME_PROBE_SHARD_COUNT
          value: {{ $values.replicas | quote }}
        - name: DOWNTIME_PROBE_SHARD_ORDINAL
          valueFrom:
            fieldRef:
              fieldPath: metadata.labels['apps.kubernetes.io/pod-index']
        {{- end }}
        {{- if eq .component "sla" }}
        {{- with include "downtime.slaAnchorEnv" $ctx }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /q/health/started
          port: management
        {{- toYaml $ctx.Values.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet:
          path: /q/health/live
          port: management
        {{- toYaml $ctx.Values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /q/health/ready
          port: management
        {{- toYaml $ctx.Values.probes.readiness | nindent 8 }}
      resources:
        {{- toYaml $values.resources | nindent 8 }}
      securityContext:
        {{- toYaml $ctx.Values.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- include "downtime.authMounts" . | nindent 8 }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $ctx.Values.tmpSizeLimit }}
    {{- include "downtime.authVolumes" . | nindent 4 }}
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
