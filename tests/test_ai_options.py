"""AI translate options: Jobs run at once by default; the Kueue queue as option or decision."""

from __future__ import annotations

from pathlib import Path

import yaml
from iac_translate.compiler import config, project
from iac_translate.compiler.api import TranslateOptions, translate

JOB = {"run.sh": "ovhai job run --name train --cpu 1 registry.example.com/a/t:1 -- python t.py\n"}


def _job(files: dict[str, str]) -> dict:  # type: ignore[type-arg]
    return next(o for text in files.values() for o in yaml.safe_load_all(text)
                if o and o["kind"] == "Job")


def test_a_plain_job_runs_by_default() -> None:
    r = translate(JOB, "k8s")
    job = _job(r.files)
    assert "suspend" not in job["spec"]
    assert not any(k.startswith("kueue.") for k in job["metadata"]["labels"])
    assert "IT318" not in {d.code for d in r.diagnostics}


def test_queue_option_queues_the_job_and_states_prerequisites() -> None:
    r = translate(JOB, "k8s", TranslateOptions(queue="team-a"))
    job = _job(r.files)
    assert job["spec"]["suspend"] is True
    assert job["metadata"]["labels"]["kueue.x-k8s.io/queue-name"] == "team-a"
    (d,) = [d for d in r.diagnostics if d.code == "IT318"]
    assert "LocalQueue `team-a`" in d.message and "Kueue" in d.hint


def test_queue_is_a_recorded_decision(tmp_path: Path) -> None:
    (tmp_path / "ai").mkdir()
    (tmp_path / "ai" / "run.sh").write_text(JOB["run.sh"])
    (tmp_path / "iac-translate.yaml").write_text(
        "translations:\n  - {inputs: [ai], target: k8s, out: out}\ndecisions: {queue: batch}\n")
    cfg = config.load(tmp_path / "iac-translate.yaml")
    assert cfg.translations[0].options == {"queue": "batch"}
    options = project.options_of(cfg, cfg.translations[0])
    assert options.queue == "batch"
    assert _job(translate([tmp_path / "ai"], "k8s", options).files)["metadata"]["labels"][
        "kueue.x-k8s.io/queue-name"] == "batch"


def test_a_bad_queue_name_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "iac-translate.yaml").write_text(
        "translations:\n  - {inputs: [ai], target: k8s, out: out, options: {queue: Bad_Q}}\n")
    try:
        config.load(tmp_path / "iac-translate.yaml")
    except config.ConfigError as e:
        assert "queue" in str(e)
    else:
        raise AssertionError("accepted")
