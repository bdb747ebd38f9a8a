#!/bin/sh
ovhai job run --name train --gpu 1 pytorch/pytorch:2.4.0 -- python train.py
