"""The only Kubernetes YAML serializer: key order as built, multi-document, one final newline."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases, long strings kept on one line."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_all(objects: list[dict[str, Any]]) -> str:
    """`---`-separated documents in the given order."""
    docs = [yaml.dump(o, Dumper=_Dumper, sort_keys=False, default_flow_style=False,
                      allow_unicode=True, width=100) for o in objects]
    return "---\n" + "---\n".join(docs)
