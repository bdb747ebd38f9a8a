"""Helm target: a chart per input set, rendering the same objects as the k8s target."""
