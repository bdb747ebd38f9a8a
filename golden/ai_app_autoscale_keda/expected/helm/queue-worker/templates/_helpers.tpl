{{/*
Expand the name of the chart.
*/}}
{{- define "queue-worker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "queue-worker.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels added to every object (selector labels are per workload and never change).
*/}}
{{- define "queue-worker.labels" -}}
helm.sh/chart: {{ include "queue-worker.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
