"""A built wheel installed into a fresh venv works (not only the editable install)."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_translates_the_example(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(tmp_path / "dist"), str(ROOT)], check=True)
    wheel = next((tmp_path / "dist").glob("iac_translate-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "iac_translate/compiler/frontends/ovh_schema.json" in names
    assert "iac_translate/targets/gke/regions.json" in names
    assert "iac_translate/targets/schemas/machine_types.schema.json" in names
    assert "iac_translate/compiler/config.schema.json" in names
    assert "iac_translate/compiler/report.schema.json" in names
    assert "iac_translate/targets/data/reversibility.json" in names
    assert not any(n.startswith(("compiler/", "targets/", "tests/")) for n in names)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True)
    out = tmp_path / "out"
    p = subprocess.run([str(env_dir / "bin" / "iac-translate"),
                        str(ROOT / "examples" / "ovh-platform"), "--target", "gke",
                        "--out", str(out)], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (out / "kube.tf").read_text().count("google_container_node_pool") >= 2
    lib = subprocess.run([str(py), "-c", "from iac_translate.compiler.api import translate; "
                          "r = translate({'m.tf': 'variable \"x\" {}'}); print(sorted(r.files))"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert lib.returncode == 0 and "m.tf" in lib.stdout, lib.stderr


def test_declared_packages_match_the_tree() -> None:
    import tomllib
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    declared = set(conf["setuptools"]["packages"])
    mapping = conf["setuptools"]["package-dir"]
    found = set()
    for pkg, d in mapping.items():
        for init in (ROOT / d).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / d).as_posix()
            found.add(pkg if rel == "." else f"{pkg}.{rel.replace('/', '.')}")
    assert declared == found
