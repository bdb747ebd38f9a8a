{{/*
Expand the name of the chart.
*/}}
{{- define "ai-workloads.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name (as `helm create`): the release name, followed by the
chart name unless the release name contains it; objects of other workloads add their name.
*/}}
{{- define "ai-workloads.fullname" -}}
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
{{- define "ai-workloads.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels added to every object (selector labels are per workload: its name and the release).
*/}}
{{- define "ai-workloads.labels" -}}
helm.sh/chart: {{ include "ai-workloads.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
