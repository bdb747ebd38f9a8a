"""The project configuration: iac-translate.yaml, or [tool.iac-translate] in pyproject.toml."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits as limits_mod

NAMES = ("iac-translate.yaml", "iac-translate.yml")
_HAS_TOML = sys.version_info >= (3, 11)  # tomllib (pyproject.toml), known without importing it


class ConfigError(Exception):
    """The configuration is missing or invalid; the message says where."""


@dataclass(frozen=True)
class Translation:
    inputs: tuple[str, ...]
    target: str
    out: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    root: Path  # paths in the file are relative to its directory
    translations: tuple[Translation, ...]
    mapping_overrides: dict[str, Any]
    suppressions: tuple[str, ...] = ()
    path: Path | None = None  # the file it was read from
    limits: limits_mod.Limits = limits_mod.DEFAULT  # `limits:` over the defaults


def find(start: Path) -> Path | None:
    for d in (start, *start.parents):
        for name in NAMES:
            if (d / name).is_file():
                return d / name
        py = d / "pyproject.toml"
        if _HAS_TOML and py.is_file() and "[tool.iac-translate" in py.read_text("utf-8"):
            return py
    return None


def _tomllib() -> Any:
    """tomllib (Python 3.11+; on 3.10 only iac-translate.yaml is read), imported when a
    pyproject.toml is met: most projects never need it."""
    try:
        import tomllib
    except ImportError:  # pragma: no cover - exercised on Python 3.10 only
        return None
    return tomllib


def load(path: Path) -> Config:
    try:
        text = path.read_text("utf-8")
    except (OSError, ValueError) as e:  # (ValueError: not UTF-8)
        raise ConfigError(f"{path}: cannot read the configuration: {e}") from None
    data = _data(path, text)
    try:
        lim = limits_mod.with_overrides(limits_mod.DEFAULT, data.get("limits", {}))
    except limits_mod.LimitError as e:
        raise ConfigError(f"{path}: limits: {e}") from None
    decided = dict(data.get("decisions", {}))
    return Config(path.parent, tuple(Translation(tuple(t["inputs"]), t["target"], t["out"],
                                                 {**decided, **t.get("options", {})})
                                     for t in data.get("translations", ())),
                  dict(data.get("mapping_overrides", {})), tuple(data.get("suppressions", ())),
                  path, lim)


# Configuration texts found valid in this process: key -> their data as JSON (read back
# fresh each time, so no caller shares another's dicts).
_known: dict[str, str] = {}


def _data(path: Path, text: str) -> Any:
    """The configuration's data, checked against the schema (ConfigError otherwise).  A text
    found valid before (in this process, or in the cache when it is on) is neither parsed nor
    checked again: importing YAML and jsonschema and checking was a fifth of a warm `check`,
    and every command reads its configuration twice (its limits first).  The key holds the
    tool's code digest, so an edited schema checks every text again."""
    from . import cache
    k = cache.key("config data", path.name, text)
    known = _known.get(k)
    if known is None and cache.active():
        hit = cache.get(k)
        try:  # a damaged entry is a miss, as in cache.get
            json.loads(hit["data"])
            known = _known[k] = hit["data"]
        except (TypeError, KeyError, ValueError):
            known = None
    if known is not None:
        return json.loads(known)
    data = _parse(path, text)
    _validate(path, data)
    try:
        as_json = json.dumps(data)
    except (TypeError, ValueError):  # YAML dates, sets...: parsed every time
        return data
    if json.loads(as_json) != data:  # integer keys, NaN...: parsed every time too
        return data
    _known[k] = as_json
    if cache.active():
        cache.put(k, {"data": as_json})
    return data


def _parse(path: Path, text: str) -> Any:
    if path.name == "pyproject.toml":
        toml = _tomllib()
        if toml is None:
            raise ConfigError(f"{path}: reading pyproject.toml needs Python 3.11; "
                              "use iac-translate.yaml")
        try:
            return toml.loads(text)["tool"]["iac-translate"]
        except (ValueError, KeyError) as e:
            raise ConfigError(f"{path}: cannot read the configuration: {e}") from None
    import yaml  # a configuration read before comes from `_known` or the cache instead
    try:
        return yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as e:
        raise ConfigError(f"{path}: cannot read the configuration: {e}") from None


def _validate(path: Path, data: Any) -> None:
    """ConfigError for the first schema violation."""
    import jsonschema  # only when a configuration is read: plain runs never import it
    schema = json.loads(Path(__file__).with_name("config.schema.json").read_text("utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top level)"
        raise ConfigError(f"{path}: {where}: {errors[0].message}")
