"""Passes: IR-to-IR analyses and rewrites that know nothing about targets."""
