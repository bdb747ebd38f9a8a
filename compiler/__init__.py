"""iac-translate compiler: frontends, IR, passes, diagnostics, CLI and library API."""
