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
    docs = [_dump(o, pure) for o in objects]
    return "---\n" + "---\n".join(docs)


def _dump(obj: dict[str, Any], pure: bool) -> str:
    text = None if pure else _dump_with(obj, _Dumper)
    # The emitters differ around escapes (tests/test_yaml_c.py): libyaml writes characters
    # past U+FFFF (emoji) as `\U0001F600` and NEL as `\N` where PyYAML keeps or folds them.
    # A document whose libyaml text has a backslash (an escape, or one in a value) is
    # PyYAML's to write.
    if text is None or "\\" in text:
        text = _dump_with(obj, _PureDumper)
    return text


def _dump_with(obj: dict[str, Any], dumper: Any) -> str:
    out: str = yaml.dump(obj, Dumper=dumper, sort_keys=False, default_flow_style=False,
                         allow_unicode=True, width=100)
    return out
