"""Reading OUT as written: its text files by relative path, with coded errors (IT350, IT351)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Sink
from ..span import Span

# Bigger than any file this tool writes; a larger one is not an output of ours.
_MAX_BYTES = 16 * 2**20
SUFFIXES = {"gke": (".tf", ".tf.json"), "eks": (".tf", ".tf.json"),
            "scaleway": (".tf", ".tf.json"), "aks": (".tf", ".tf.json"),
            "k8s": (".yaml", ".yml"),
            "helm": (".yaml", ".yml", ".tpl")}
# What is read: an estate's gke (eks) output holds manifests (or a chart) beside its Terraform.
_READ = {"gke": (".tf", ".tf.json", ".yaml", ".yml", ".tpl"),
         "eks": (".tf", ".tf.json", ".yaml", ".yml", ".tpl"),
         "scaleway": (".tf", ".tf.json", ".yaml", ".yml", ".tpl"),
         "aks": (".tf", ".tf.json", ".yaml", ".yml", ".tpl")}


def read(out: str | Path | dict[str, str], target: str, sink: Sink) -> dict[str, str]:
    """The files of OUT that the target writes (`.tf` for gke, manifests for k8s, the chart
    for helm); OUT may be a directory or {relative path: text}."""
    suffixes = _READ.get(target, SUFFIXES.get(target, ()))
    if isinstance(out, dict):
        return {k: v for k, v in out.items() if k.endswith(suffixes)}
    root = Path(out)
    at = Span(root.as_posix(), 1, 1)
    if not root.is_dir():
        sink.add("IT350", at, f"`{out}` is not a directory of translated files",
                 "give the --out directory of a translation of SRC")
        return {}
    files: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if not rel.endswith(suffixes) or any(part.startswith(".") for part in
                                             p.relative_to(root).parts):
            continue
        if p.is_symlink() or not p.is_file():
            continue  # written outputs are plain files; a link could lead anywhere
        try:
            if p.stat().st_size > _MAX_BYTES:
                sink.add("IT351", Span((root / rel).as_posix(), 1, 1), f"`{rel}` is larger than "
                         f"{_MAX_BYTES >> 20} MiB; it is not read")
                continue
            files[rel] = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            sink.add("IT351", Span((root / rel).as_posix(), 1, 1), f"`{rel}` cannot be read: "
                     f"{type(e).__name__}")
    if files and target == "helm" and not any(rel.rsplit("/", 1)[-1] == "Chart.yaml"
                                              for rel in files):
        sink.add("IT350", at, f"`{out}` holds no Chart.yaml: it is not a chart",
                 "give the --out directory of a translation with --target helm")
        return {}
    if not files:
        sink.add("IT350", at, f"`{out}` holds no file the {target} target writes"
                 f" ({', '.join(suffixes)})", "give the --out directory of a "
                 f"translation with --target {target}")
    return files
