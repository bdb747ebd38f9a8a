#!/usr/bin/env bash
set -euo pipefail

ovhai app run \
  --name chat \
  --flavor l4-1-gpu --gpu 1 \
  --volume acme-models@GRA/llama/:/workspace/models:ro \
  --default-http-port 8000 \
  registry.example.com/acme/chat:1.4 -- --model /workspace/models
