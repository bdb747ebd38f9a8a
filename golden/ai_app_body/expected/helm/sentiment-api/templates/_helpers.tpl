{{/*
Expand the name of the chart.
*/}}
{{- define "sentiment-api.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "sentiment-api.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels added to every object (selector labels are per workload and never change).
*/}}
{{- define "sentiment-api.labels" -}}
helm.sh/chart: {{ include "sentiment-api.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
