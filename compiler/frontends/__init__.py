"""Frontends: turn source files into IR."""
