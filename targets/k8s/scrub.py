"""Credentials out of generated manifests: container args and git URLs read them from Secrets."""

from __future__ import annotations

import re
from typing import Any

from iac_translate.compiler import secrets
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.span import Span

from .secretfiles import fill_hint

_FLAG = re.compile(r"^--?(?P<flag>[A-Za-z][\w\-]*)(?:=(?P<value>.*))?$", re.S)


def _env_name(flag: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9]+", "_", flag).strip("_").upper() or "ARG_SECRET"
    name, n = base, 1
    while name in taken:  # never shadow a variable the workload already sets
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


def args(command: tuple[str, ...], secret: str, taken: set[str], sink: Sink,
         span: Span) -> tuple[list[str], list[str]]:
    """(args with each credential replaced by `$(VAR)`, the new variables' names). Kubernetes
    expands `$(VAR)` in args from the container's env, which reads them from `secret`."""
    out: list[str] = []
    names: list[str] = []
    pending: str | None = None  # `--api-key VALUE`: the flag whose value comes next

    def ref(flag: str) -> str:
        name = _env_name(flag, taken)
        names.append(name)
        sink.add("IT314", span, f"a credential in the container arguments (`{flag}`) is "
                 f"read from Secret `{secret}` key `{name}` as $({name}); it is not written",
                 fill_hint(secret, [name]))
        return f"$({name})"

    for arg in command:
        m = _FLAG.match(arg)
        if pending is not None and not arg.startswith("-") and not secrets.placeholder(arg):
            out.append(ref(pending))
            pending = None
            continue
        pending = None
        if m and secrets.secret_name(m.group("flag")):
            value = m.group("value")
            if value is None:
                pending = m.group("flag")
            elif value and not secrets.placeholder(value):
                out.append(arg[:m.start("value")] + ref(m.group("flag")))
                continue
            out.append(arg)
            continue
        out.append(_inline(arg, ref))
    return out, names


def _inline(arg: str, ref: Any) -> str:
    """Credentials inside one argument (`sh -c "serve --token X"`, a secret-shaped value)."""
    spans = secrets.find(arg)
    for start, end in reversed(spans):
        head = re.search(r"--?([A-Za-z][\w\-]*)[= ]+[\"']?$", arg[:start])
        arg = arg[:start] + ref(head.group(1) if head else "arg_secret") + arg[end:]
    return arg


def git_clone(url: str, index: int, secret: str, sink: Sink,
              span: Span) -> tuple[list[str], list[dict[str, Any]], list[str]]:
    """(git args, env, Secret keys): credentials in a clone URL move to a Secret, handed to git
    by a credential helper so they appear neither in the manifest nor in the URL."""
    clean, user, password = secrets.strip_userinfo(url)
    if user is None and password is None:
        return ["clone", "--depth=1", url, "/data"], [], []
    keys = [f"GIT_USERNAME_{index}", f"GIT_PASSWORD_{index}"]
    env = [{"name": "GIT_USERNAME", "valueFrom": {"secretKeyRef": {"name": secret,
                                                                   "key": keys[0]}}},
           {"name": "GIT_PASSWORD", "valueFrom": {"secretKeyRef": {"name": secret,
                                                                   "key": keys[1]}}}]
    helper = "credential.helper=!f() { echo username=$GIT_USERNAME; " \
             "echo password=$GIT_PASSWORD; }; f"
    sink.add("IT314", span, f"git volume `{clean}` carried credentials in its URL; the clone "
             f"reads them from Secret `{secret}` (keys {keys[0]}, {keys[1]})",
             fill_hint(secret, keys))
    return ["-c", helper, "clone", "--depth=1", clean, "/data"], env, keys


_SOURCE = "annotations.iac-translate.io/source"


def mask_strings(obj: Any, sink: Sink, span: Span, where: str, path: str = "") -> Any:
    """Last line of defence: any string still shaped like a credential is masked (IT317)."""
    if isinstance(obj, dict):
        return {k: mask_strings(v, sink, span, where, f"{path}.{k}" if path else str(k))
                for k, v in obj.items()}
    if isinstance(obj, list):
        return [mask_strings(v, sink, span, where, f"{path}[{i}]") for i, v in enumerate(obj)]
    if path.endswith(_SOURCE):  # the input file's path, shown in every diagnostic anyway
        return obj
    if isinstance(obj, str) and secrets.find(obj) and not secrets.placeholder(obj):
        sink.add("IT317", span, f"{where}: `{path}` holds a value that looks like a credential; "
                 "it is masked in the output", "put the value in a Secret and reference it")
        return secrets.redact(obj)
    return obj
