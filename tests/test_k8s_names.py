"""A workload whose OVH name Kubernetes does not accept is renamed, and the rename is said."""

from __future__ import annotations

from iac_translate.compiler.api import translate


def test_a_renamed_workload_is_reported_where_it_is_named() -> None:
    src = {"deploy.sh": "ovhai app run --name whisper_App --cpu 1 docker.io/a/b:1\n"}
    r = translate(src, "k8s")
    assert "whisper-app.yaml" in r.files
    notes = [d for d in r.diagnostics if d.code == "IT324"]
    assert len(notes) == 1 and "`whisper_App` is named `whisper-app`" in notes[0].message
    assert notes[0].span is not None and notes[0].span.file == "deploy.sh"


def test_an_accepted_name_is_not_reported() -> None:
    r = translate({"deploy.sh": "ovhai app run --name whisper --cpu 1 docker.io/a/b:1\n"}, "k8s")
    assert not [d for d in r.diagnostics if d.code == "IT324"]


def test_verify_finds_a_renamed_workload() -> None:
    from iac_translate.compiler.verify import verify
    src = {"deploy.sh": "ovhai app run --name whisper_App --cpu 1 docker.io/a/b:1\n"}
    r = translate(src, "k8s")
    v = verify(src, r.files, "k8s")
    assert v.rows and not v.lost


def test_verify_takes_a_chart_default_latest_tag_as_the_same_image() -> None:
    from iac_translate.compiler.verify.model import untagged
    assert untagged("ovhcom/ai-training-pytorch:latest") == "ovhcom/ai-training-pytorch"
    assert untagged("registry:5000/a/b") == "registry:5000/a/b"
    assert untagged("registry:5000/a/b:latest") == "registry:5000/a/b"
    assert untagged("a/b:1.0") == "a/b:1.0"
