"""Variables a late pass adds to emitted modules, passed up through the calls to the root."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfBlock
from .context import Ctx, module_of

DEPTH = 8  # module nesting seen in real code is 2-3; this bounds call cycles

# (caller module, the new variable's name, what it is given to) -> the declared name
Declare = Callable[[str, str, str], str]


class ModuleInputs:
    """The variable names each emitted module has and the calls of each local module, read
    once from the output (the source model is let go of by the time the late passes run)."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self._taken: dict[str, set[str]] | None = None
        self._calls: dict[str, list[tuple[str, TfBlock]]] | None = None

    def taken(self, module: str) -> set[str]:
        """Variable names of `module`, collected once; free() adds what it hands out."""
        if self._taken is None:
            self._taken = {}
            for path, blocks in self.ctx.files.items():
                self._taken.setdefault(module_of(path), set()).update(
                    b.labels[0] for b in blocks if b.type == "variable" and b.labels)
        return self._taken.setdefault(module, set())

    def free(self, module: str, hint: str, fallback: str) -> str:
        """A variable name of `module` from `hint` that no variable has yet, now taken."""
        base = re.sub(r"[^a-z0-9_]+", "_", hint.lower()).strip("_") or fallback
        if base[0].isdigit():
            base = f"{fallback}_{base}"
        name, n, taken = base, 1, self.taken(module)
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        return name

    def calls(self, module: str) -> list[tuple[str, TfBlock]]:
        """(caller module, `module` block) of every emitted call of the local module
        `module`."""
        if self._calls is None:
            self._calls = {}
            for path, blocks in sorted(self.ctx.files.items()):
                caller = module_of(path)
                for b in blocks:
                    src = b.get("source") if b.type == "module" else None
                    if isinstance(src, E.Literal) and isinstance(src.value, str) and \
                            src.value.startswith(("./", "../")):
                        callee = posixpath.normpath(posixpath.join(caller, src.value))
                        callee = "" if callee == "." else callee  # (`../..` to the top)
                        self._calls.setdefault(callee, []).append((caller, b))
        return self._calls.get(module, [])

    def called(self, module: str) -> bool:
        """Whether `module` is a child here: a root (at the top or in a subdirectory, as
        an example calling `../..`) has no emitted call and takes TF_VAR_ values."""
        return bool(self.calls(module))

    def pass_up(self, module: str, name: str, declare: Declare, depth: int = 0) -> list[str]:
        """A child module's variable made required here would stop `terraform plan` at every
        call that does not set it (a missing required argument): each such call passes it
        from a new variable of its own module (`declare`), up to the root. The root
        variables that end the chains are returned (for the help of the diagnostic)."""
        roots: list[str] = []
        for caller, block in self.calls(module) if depth < DEPTH else ():
            if block.get(name) is not None:
                continue  # the caller gives a value of its own
            label = block.labels[0] if block.labels else module
            up = declare(caller, name, f"`{name}` of module `{label}`")
            block.set(name, E.ref(f"var.{up}"))
            roots.extend(self.pass_up(caller, up, declare, depth + 1)
                         if self.called(caller) else [up])
        return roots


def how_to_set(module: str, name: str, roots: list[str], secret: bool,
               called: bool) -> str:
    """The help of a diagnostic about a variable the translation made required (`called`:
    `module` is a child module here)."""
    kept = " kept out of git" if secret else ""
    where = module or "the top-level module"
    if roots:  # passed down by the module calls from variables of the root module
        given = ", ".join(f"TF_VAR_{r}" for r in dict.fromkeys(roots))
        return f"the calls of {where} pass it from the root module: set {given} or put " \
               f"it in a *.auto.tfvars file{kept}"
    if called:  # a child module's variables come from its caller, not from TF_VAR_
        source = "a sensitive variable" if secret else "a variable"
        return f"pass `{name}` in every `module` block that calls {where}, from {source} " \
               "of the root module"
    return f"set TF_VAR_{name} or put it in a *.auto.tfvars file{kept}"
