{{/*
Expand the name of the chart.
*/}}
{{- define "finetune-llama-lora.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name (as `helm create`): the release name, followed by the
chart name unless the release name contains it; objects of other workloads add their name.
*/}}
{{- define "finetune-llama-lora.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "finetune-llama-lora.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels added to every object (selector labels are per workload: its name and the release).
*/}}
{{- define "finetune-llama-lora.labels" -}}
helm.sh/chart: {{ include "finetune-llama-lora.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
