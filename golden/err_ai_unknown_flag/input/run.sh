#!/bin/sh
ovhai app run --name web \
  --flavour l4-1-gpu --gpu 1 \
  registry.example.org/web:1
