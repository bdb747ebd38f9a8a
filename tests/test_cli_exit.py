"""The console script ends without interpreter teardown; Python callers of main() go on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_SCRIPT = """
import atexit, sys
atexit.register(lambda: print("teardown ran"))
from iac_translate.compiler.cli import main
if __name__ == "__main__":
    sys.exit(main())
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "iac-translate"
    script.write_text(_SCRIPT, encoding="utf-8")
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True,
                          timeout=120)


def test_the_script_exits_at_once_with_the_code_and_flushed_output(tmp_path: Path) -> None:
    done = _run(tmp_path, "version")
    assert done.returncode == 0
    assert done.stdout.startswith("iac-translate ") and "teardown ran" not in done.stdout
    tf = tmp_path / "in" / "main.tf"
    tf.parent.mkdir()
    tf.write_text('resource "ovh_cloud_project_kube" "k" {\n  name = "k"\n  region = "GRA7"\n'
                  '  service_name = "x"\n  bogus_arg = 1\n}\n', encoding="utf-8")
    done = _run(tmp_path, str(tf.parent), "--target", "gke", "--out", str(tmp_path / "out"),
                "--fail-on", "warning")
    assert done.returncode == 1 and "teardown ran" not in done.stdout
    assert "iac-translate: wrote" in done.stderr.splitlines()[-1]  # the summary, flushed
    assert (tmp_path / "out" / "main.tf").is_file()


def test_main_called_from_python_returns_through_system_exit() -> None:
    code = ("import sys\nfrom iac_translate.compiler.cli import main\nsys.argv = ['x', 'version']"
            "\ntry:\n    main()\nexcept SystemExit as e:\n    print('went on', e.code)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.splitlines()[-1] == "went on 0"


def test_the_cache_entry_is_written_before_the_script_exits(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("IAC_TRANSLATE_NO_CACHE", raising=False)
    monkeypatch.setenv("IAC_TRANSLATE_CACHE_DIR", str(tmp_path / "cache"))
    tf = tmp_path / "in" / "main.tf"
    tf.parent.mkdir()
    tf.write_text('variable "region" {\n  default = "GRA7"\n}\n', encoding="utf-8")
    done = _run(tmp_path, str(tf.parent), "--target", "gke", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in entries), entries  # by a writer it waited for
    assert not [p for p in entries if p.name.endswith(".tmp")]
