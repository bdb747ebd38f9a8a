#!/bin/sh
ovhai notebook run pytorch jupyterlab --name lab --cpu 2
ovhai notebook run conda vscode --name code --cpu 2
ovhai job run --name train --cpu 4 registry.example.com/a/train:1 -- python train.py
