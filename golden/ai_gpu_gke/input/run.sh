#!/bin/sh
ovhai app run --name infer --gpu 1 --flavor ai1-1-gpu --unsecure-http registry.example.com/a/infer:1
ovhai job run --name tune --gpu 1 --flavor l4-1-gpu registry.example.com/a/tune:1
