"""The project configuration: iac-translate.yaml, or [tool.iac-translate] in pyproject.toml."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from . import limits as limits_mod

try:  # Python 3.11+; on 3.10 only iac-translate.yaml is read
    import tomllib
except ImportError:  # pragma: no cover - exercised on Python 3.10 only
    tomllib = None

NAMES = ("iac-translate.yaml", "iac-translate.yml")


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
        if tomllib and py.is_file() and "[tool.iac-translate" in py.read_text("utf-8"):
            return py
    return None


def load(path: Path) -> Config:
    try:
        text = path.read_text("utf-8")
        if path.name == "pyproject.toml":
            if tomllib is None:
                raise ConfigError(f"{path}: reading pyproject.toml needs Python 3.11; "
                                  "use iac-translate.yaml")
            data = tomllib.loads(text)["tool"]["iac-translate"]
        else:
            data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError, ValueError, KeyError) as e:
        raise ConfigError(f"{path}: cannot read the configuration: {e}") from None
    _validate(path, text, data)
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


_valid: set[str] = set()  # keys of the configuration texts found valid in this process


def _validate(path: Path, text: str, data: Any) -> None:
    """ConfigError for the first schema violation.  A text found valid before (in this
    process, or in the cache when it is on) is not checked again: importing jsonschema and
    checking took a tenth of a warm `check`, and every command reads its configuration
    twice (its limits first)."""
    from . import cache
    schema_text = resources.files("iac_translate.compiler").joinpath(
        "config.schema.json").read_text("utf-8")
    k = cache.key("config", path.name, text, schema_text)
    if k in _valid or (cache.active() and cache.get(k) is True):
        _valid.add(k)
        return
    import jsonschema  # only when a configuration is read: plain runs never import it
    errors = sorted(jsonschema.Draft202012Validator(json.loads(schema_text)).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top level)"
        raise ConfigError(f"{path}: {where}: {errors[0].message}")
    _valid.add(k)
    if cache.active():
        cache.put(k, True)
