#!/bin/sh
ovhai job run --name clone-and-train --cpu 1 \
  --volume https://deploy:Tok3nPlaceholderValue@github.com/acme/models.git:/workspace/models:RO \
  registry.example.com/a/train:1 -- python /workspace/models/train.py
