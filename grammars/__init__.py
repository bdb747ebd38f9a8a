"""Lark grammars shipped with iac-translate and their loader."""
