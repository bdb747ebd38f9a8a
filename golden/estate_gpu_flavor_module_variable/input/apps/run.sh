#!/bin/sh
ovhai app run --name llm --flavor l4-1-gpu --gpu 1 --default-http-port 8000 vllm/vllm-openai:v0.6.4
