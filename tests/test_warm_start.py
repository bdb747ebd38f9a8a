"""A warm `check` reads its result back without loading the target or jsonschema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from iac_translate.compiler import cache, config
from iac_translate.targets import TARGETS, get_target, input_of

SRC = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "abc"
  name         = "k1"
  region       = "GRA7"
}
'''

# Runs `check` in a fresh interpreter, then says which heavy modules it imported.
PROBE = '''
import sys
from iac_translate.compiler.cli import main
try:
    main(["check", "--config", sys.argv[1]])
except SystemExit:
    pass
import json
print(json.dumps(sorted(m for m in sys.modules
                        if m.startswith(("iac_translate.targets.gke", "jsonschema")))))
'''


def test_input_of_agrees_with_every_target_class() -> None:
    for name in TARGETS:
        assert input_of(name) == getattr(get_target(name), "INPUT", "terraform"), name


def _project(tmp_path: Path) -> Path:
    (tmp_path / "ovh").mkdir()
    (tmp_path / "ovh" / "main.tf").write_text(SRC, encoding="utf-8")
    cfg = tmp_path / "iac-translate.yaml"
    cfg.write_text("translations:\n  - inputs: [ovh]\n    target: gke\n    out: gke\n",
                   encoding="utf-8")
    return cfg


def _imported(cfg: Path, cache_dir: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "IAC_TRANSLATE_NO_CACHE"}
    env["IAC_TRANSLATE_CACHE_DIR"] = str(cache_dir)
    done = subprocess.run([sys.executable, "-c", PROBE, str(cfg)], cwd=cfg.parent, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_warm_check_imports_neither_the_target_nor_jsonschema(tmp_path: Path) -> None:
    cfg = _project(tmp_path)
    cold = _imported(cfg, tmp_path / "cache")
    assert "iac_translate.targets.gke.target" in cold and "jsonschema" in cold
    assert _imported(cfg, tmp_path / "cache") == []


def test_a_config_found_valid_is_checked_again_once_edited(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IAC_TRANSLATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IAC_TRANSLATE_NO_CACHE", raising=False)
    cfg = _project(tmp_path)
    with cache.enabled():
        assert config.load(cfg).translations[0].target == "gke"
        cfg.write_text("translations:\n  - inputs: [ovh]\n    target: gke\n", encoding="utf-8")
        with pytest.raises(config.ConfigError, match="out"):
            config.load(cfg)
