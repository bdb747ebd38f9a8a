"""Target-neutral intermediate representation: expressions and resource nodes."""
