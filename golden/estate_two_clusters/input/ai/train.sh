#!/bin/sh
ovhai job run --name etl --flavor ai1-1-cpu --cpu 12 \
  --volume stg-data@GRA/:/workspace/data:rw \
  python:3.12-slim -- python /workspace/data/etl.py
