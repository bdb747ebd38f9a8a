"""Translation targets: lowering and emission per target."""
