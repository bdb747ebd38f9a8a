{{/*
Expand the name of the chart.
*/}}
{{- define "finetune-llama-lora.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "finetune-llama-lora.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels added to every object (selector labels are per workload and never change).
*/}}
{{- define "finetune-llama-lora.labels" -}}
helm.sh/chart: {{ include "finetune-llama-lora.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
