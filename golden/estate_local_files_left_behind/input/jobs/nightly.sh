#!/bin/sh
ovhai job run --name nightly --flavor ai1-1-cpu --cpu 1 python:3.12-slim -- python -c "print(1)"
