#!/bin/sh
ovhai job run --name etl --flavor ai1-1-cpu --cpu 12 python:3.12-slim -- python -c "import this"
