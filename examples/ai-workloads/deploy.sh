#!/usr/bin/env bash
set -euo pipefail

# Inference API, autoscaled on CPU like on OVH AI Deploy.
ovhai app run \
  --name chat-api \
  --flavor l40s-1-gpu --gpu 1 \
  --env MODEL_ID=mistralai/Mistral-7B-Instruct-v0.3 \
  --env HF_TOKEN="$HF_TOKEN" \
  --label team=genai \
  --volume weights@GRA/mistral/:/workspace/weights:ro:cache \
  --default-http-port 8000 \
  --auto-min-replicas 1 --auto-max-replicas 3 \
  --auto-resource-type CPU --auto-resource-usage-threshold 70 \
  --probe-path /health \
  vllm/vllm-openai:v0.6.4 -- --model /workspace/weights --port 8000
