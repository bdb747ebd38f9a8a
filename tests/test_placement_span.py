"""Diagnostics about an AI workload's flavor (IT345/IT346 lowered requests) point at the flavor
value, also when a body nests it under `resources` and on `ovhai` command lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.api import translate

# One small pool (b3-8): a 12-CPU job does not fit one node, so its requests are lowered.
POOL = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "p1"
  name         = "data"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "small" {
  service_name  = "p1"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "small"
  flavor_name   = "b3-8"
  desired_nodes = 2
}
'''
JSON_BODY = '''{
  "name": "big",
  "image": "python:3.12",
  "resources": {
    "cpu": 12,
    "flavor": "ai1-1-cpu"
  },
  "timeout": 60
}
'''
WRAPPED_JSON = '''{
  "id": "x",
  "spec": {
    "name": "big",
    "image": "python:3.12",
    "timeout": 60,
    "resources": {"cpu": 12, "flavor": "ai1-1-cpu"}
  }
}
'''
YAML_BODY = '''name: big
image: python:3.12
timeout: 60
resources:
  cpu: 12
  flavor: ai1-1-cpu
'''
CLI_SPACE = '#!/bin/sh\novhai job run --name big --cpu 12 --flavor ai1-1-cpu python:3.12 -- x\n'
CLI_QUOTED = '#!/bin/sh\novhai job run --name big --cpu 12 --flavor "ai1-1-cpu" python:3.12 -- x\n'
CLI_EQUALS = '#!/bin/sh\novhai job run --name big --cpu 12 --flavor=ai1-1-cpu python:3.12 -- x\n'
CASES = {
    "train-job.json": (JSON_BODY, '"ai1-1-cpu"'),
    "wrapped-job.json": (WRAPPED_JSON, '"ai1-1-cpu"'),
    "train-job.yaml": (YAML_BODY, "ai1-1-cpu"),
    "space.sh": (CLI_SPACE, "ai1-1-cpu"),
    "quoted.sh": (CLI_QUOTED, '"ai1-1-cpu"'),
    "equals.sh": (CLI_EQUALS, "ai1-1-cpu"),
}


def _position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the (only) occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, needle
    before = text[:text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_lowered_requests_point_at_the_flavor_value(tmp_path: Path, target: str,
                                                    name: str) -> None:
    text, value = CASES[name]
    (tmp_path / "infra").mkdir()
    (tmp_path / "jobs").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(POOL, encoding="utf-8")
    (tmp_path / "jobs" / name).write_text(text, encoding="utf-8")
    lowered = [d for d in translate(tmp_path, target).diagnostics
               if d.code in ("IT345", "IT346") and "are lowered to fit" in d.message]
    assert len(lowered) == 1, lowered
    span = lowered[0].span
    assert (span.file, span.line, span.column) == (f"jobs/{name}", *_position(text, value))


def test_a_stray_top_level_flavor_is_not_the_flavor_read(tmp_path: Path) -> None:
    """`flavor` outside `resources` is an unknown field (IT209), not where the flavor is."""
    text = JSON_BODY.replace('"timeout": 60', '"timeout": 60,\n  "flavor": "other"')
    (tmp_path / "infra").mkdir()
    (tmp_path / "jobs").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(POOL, encoding="utf-8")
    (tmp_path / "jobs" / "train-job.json").write_text(text, encoding="utf-8")
    diags = translate(tmp_path, "gke").diagnostics
    lowered = [d for d in diags if "are lowered to fit" in d.message]
    assert [(d.span.line, d.span.column) for d in lowered] == [
        _position(text, '"ai1-1-cpu"')]
    assert any(d.code == "IT209" and "`flavor`" in d.message for d in diags)
