"""Kubernetes target: AI apps, jobs and notebooks as Kubernetes objects (built as data)."""
