#!/bin/sh
ovhai job run --gpu 1 --volume datasets@GRA \
  ovhcom/ai-training-pytorch:2.4.0 -- python train.py
