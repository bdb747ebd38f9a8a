{{/*
Expand the name of the chart.
*/}}
{{- define "ai-workloads.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "ai-workloads.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels added to every object (selector labels are per workload and never change).
*/}}
{{- define "ai-workloads.labels" -}}
helm.sh/chart: {{ include "ai-workloads.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
