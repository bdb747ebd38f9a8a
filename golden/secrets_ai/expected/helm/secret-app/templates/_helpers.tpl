{{/*
Expand the name of the chart.
*/}}
{{- define "secret-app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "secret-app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels added to every object (selector labels are per workload and never change).
*/}}
{{- define "secret-app.labels" -}}
helm.sh/chart: {{ include "secret-app.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
