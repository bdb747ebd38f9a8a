"""The only Kubernetes YAML serializer: key order as built, multi-document, one final newline."""

from __future__ import annotations

from typing import Any

import yaml


class _PureDumper(yaml.SafeDumper):
    """Block style, no aliases, long strings kept on one line."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# libyaml's emitter writes the same text about 10x faster (tests/test_yaml_c.py compares them).
_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):
    """_PureDumper's rules on libyaml's emitter."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_PureDumper.add_representer(str, _str)
_Dumper.add_representer(str, _str)


def dump_all(objects: list[dict[str, Any]], pure: bool = False) -> str:
    """`---`-separated documents in the given order (`pure`: PyYAML's Python emitter)."""
    docs = [yaml.dump(o, Dumper=_PureDumper if pure or _astral(o) else _Dumper,
                      sort_keys=False, default_flow_style=False, allow_unicode=True,
                      width=100) for o in objects]
    return "---\n" + "---\n".join(docs)


def _astral(obj: Any) -> bool:
    """A string with a character past U+FFFF (emoji): libyaml escapes those as `\\U...`
    where PyYAML writes them as they are, so such a document keeps PyYAML's emitter."""
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, str):
            if not o.isascii() and any(ord(c) > 0xFFFF for c in o):
                return True
        elif isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple)):
            stack.extend(o)
    return False
