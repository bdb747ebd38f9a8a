#!/bin/sh
ovhai app run --name front --cpu 2 --default-http-port 8080 nginx:1.27
