"""A TODO placeholder standing for a whole value becomes a required variable of its module."""

from __future__ import annotations

import dataclasses
import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import walks as W
from iac_translate.compiler.secret_names import secret_name
from iac_translate.compiler.span import Span

from ..hclwrite import TfAttr, TfBlock
from .context import Ctx, module_of
from .module_inputs import ModuleInputs, how_to_set

CODE = "IT383"
# Placeholders whose text names the value itself (a region the target lacks, the S3 gateway,
# an OVH attribute; "region X" and "flavor X"; any text with a number in it, an OVH id or a
# version, or quoting a source value in backticks: "the subnet on OVH network `var.net`";
# not a bare "machine type" or "zone"): one variable stands for
# every place of a module that holds the same text. Any other ("an SSH public key", "size in
# GB", "security group id") says what kind of value is missing, and two blocks may need two
# values: one variable per block.
SAME_VALUE = frozenset({"IT364", "IT365", "IT206"})
OUTPUT_CODE = "IT384"
# `TODO(IT364): region BHS5`: the code, then what the value is.
_WHOLE = re.compile(r"TODO\((IT\d{3})\):?\s*(.*)", re.S)
# Blocks whose values are not the user's to give (an output's placeholder is null instead;
# the settings, moves and checks cannot read variables or have no value to give).
_SKIP_BLOCKS = {"output", "terraform", "moved", "import", "removed", "check"}
# Arguments a variable cannot give: count/for_each must be known at plan, the others are
# static (and a module's source, version and providers).
_META = {"count", "for_each", "provider", "depends_on"}
_MODULE_META = _META | {"source", "version", "providers"}


def _whole(e: E.Expr) -> tuple[str, str] | None:
    """(code, text) of a string literal that is a TODO placeholder and nothing else."""
    if e.__class__ is E.Literal and isinstance(e.value, str) and e.value.startswith("TODO("):
        m = _WHOLE.fullmatch(e.value)
        if m:
            return m.group(1), m.group(2).strip() or "a value"
    return None


def _named(hint: str, found: tuple[str, str] | None) -> str:
    """`dsn` -> `dsn_password` for the placeholder of an OVH attribute (`...user.app.password`)."""
    first = found[1].split(" ", 1)[0] if found else ""
    last = first.rsplit(".", 1)[-1] if "." in first else ""
    return f"{hint}_{last}" if last.isidentifier() and not hint.endswith(last) else hint


def _names_value(code: str, text: str) -> bool:
    """The placeholder names its value (a region, a flavor, an OVH attribute or id): every
    place of a module holding the same text takes the same value."""
    return code in SAME_VALUE or "`" in text or any(c.isdigit() for c in text) or \
        text.startswith(("region ", "flavor "))


def _sentence(text: str) -> str:
    """`an SSH public key` -> `An SSH public key`; an address or a name stays as it is."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if first.isalpha() and first.islower() else text


def _secret(name: str, text: str) -> bool:
    """A credential by the argument's name or by what the placeholder stands for (the
    `private_key` of a key pair that is not translated)."""
    last = text.split(" ", 1)[0].rsplit(".", 1)[-1]
    return secret_name(name) or ("." in text.split(" ", 1)[0] and secret_name(last))


class _Pass:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.inputs = ModuleInputs(ctx)
        # (module, placeholder, block or "" when shared) -> its variable
        self.given: dict[tuple[str, str, str], str] = {}
        self.top = ""  # the top-level block whose values are read (its id)
        # (module, variable) -> (its block, how many values read it)
        self.shared: dict[tuple[str, str], tuple[TfBlock, int]] = {}
        self.sensitive: dict[str, set[tuple[str, str]]] = {}  # module -> {("var", name)}
        self.dry: list[E.Expr] | None = None  # when set, value() only lists what it reaches

    def run(self) -> None:
        placed = [(module_of(path), b) for path, blocks in sorted(self.ctx.files.items())
                  for b in list(blocks)]
        # Variables first: a variable whose default was a placeholder gives that value to
        # the arguments holding the same placeholder (the OVH region of the resource group
        # and of its cluster), wherever they are written.
        for module, b in placed:
            if b.type == "variable" and b.labels:
                self.default(module, b)
        for module, b in placed:
            if b.type == "output" and b.labels:
                self.top = str(id(b))
                self.output(module, b)
            elif b.type and b.type != "variable" and b.type not in _SKIP_BLOCKS:
                label = "" if b.type == "locals" else (b.labels[-1] if b.labels else b.type)
                what = "locals" if b.type == "locals" else \
                    f"{b.type} `{'.'.join(b.labels)}`"
                skip = _MODULE_META if b.type == "module" else _META
                self.top = str(id(b))
                self.items(module, b, label, what, b.span, skip)
        for block, count in self.shared.values():
            if count > 1:  # its description names the first place it was made for
                said = block.get("description")
                if isinstance(said, E.Literal) and isinstance(said.value, str):
                    more = "place" if count == 2 else "places"
                    block.set("description", E.Literal(said.value.replace(
                        " (iac-translate could not", f" and {count - 1} more {more} "
                        "(iac-translate could not", 1)))

    def items(self, module: str, b: TfBlock, prefix: str, what: str,
              near: Span | None, skip: set[str]) -> None:
        # a data source's `filter { name = "vpc-id"  values = [...] }` names its values
        named = b.get("name") if b.type == "filter" else None
        for i, item in enumerate(b.items):
            if isinstance(item, TfBlock):
                # (a nested block's path would make long names: <label>_<argument>)
                if item.type != "lifecycle":  # (static: no variable there)
                    self.items(module, item, prefix, what, item.span or near, _META)
                continue
            if item.name in skip:
                continue
            hint = f"{prefix}_{item.name}".strip("_")
            if item.name == "values" and isinstance(named, E.Literal) and \
                    isinstance(named.value, str):
                hint = f"{prefix}_{named.value}".strip("_")
            value = self.value(module, item.value, item.name, hint,
                               f"`{item.name}` of {what}", b.span or near)
            if value is not item.value:
                b.items[i] = TfAttr(item.name, value, item.comments)

    def value(self, module: str, e: E.Expr, name: str, hint: str, where: str,
              near: Span | None) -> E.Expr:
        """`e` with each placeholder that is a whole value (itself, a list element, a map
        value, an interpolation, also in a list or map given to a function) read from a
        variable; a function's own argument is left (it may stand for a collection)."""
        found = _whole(e)
        if found is not None:
            if self.dry is not None:  # (only finding what would be given)
                self.dry.append(e)
                return e
            return self.variable(module, found, name, hint, where, e.span or near)
        if isinstance(e, E.Tuple):
            items = tuple(self.value(module, v, name, hint, where, near) for v in e.items)
            return e if all(a is b for a, b in zip(items, e.items)) else \
                dataclasses.replace(e, items=items)
        if isinstance(e, E.Template) and any(isinstance(p, E.Interp) and _whole(p.expr)
                                             for p in e.parts):
            # `"postgresql://${"TODO(IT206): ..."}:5432"`: the interpolation is a string
            # (one string may hold several: each is named by what it stands for)
            parts = tuple(dataclasses.replace(p, expr=self.value(
                module, p.expr, name, _named(hint, _whole(p.expr)), where, near))
                          if isinstance(p, E.Interp) and _whole(p.expr) else p
                          for p in e.parts)
            return dataclasses.replace(e, parts=parts)
        if isinstance(e, E.Call) and any(isinstance(a, (E.Tuple, E.Object)) for a in e.args):
            # the elements of a list or map handed to a function are values too (the
            # variables of a templatefile); an argument that is itself a placeholder may
            # stand for a collection the function needs, which a string would not be
            args = tuple(self.value(module, a, name, hint, where, near)
                         if isinstance(a, (E.Tuple, E.Object)) else a for a in e.args)
            return e if all(a is b for a, b in zip(args, e.args)) else \
                dataclasses.replace(e, args=args)
        if isinstance(e, E.Object):
            pairs = tuple((k, self.value(module, v, E.key_name(k) or name,
                                         f"{hint}_{E.key_name(k) or 'value'}", where, near))
                          for k, v in e.items)
            return e if all(a[1] is b[1] for a, b in zip(pairs, e.items)) else \
                dataclasses.replace(e, items=pairs)
        return e

    def variable(self, module: str, found: tuple[str, str], name: str, hint: str, where: str,
                 span: Span | None) -> E.Expr:
        code, text = found
        key = (module, f"{code}:{text}", "" if _names_value(code, text) else self.top)
        var = self.given.get(key)
        if var is None:
            var = self.given[key] = self.declare(module, hint, where, text, code,
                                                 _secret(name, text))
            self.ctx.sink.add(CODE, span, f"{where} has no value iac-translate could give "
                              f"({code}: {text}); it reads `var.{var}`, which has no default, "
                              "so `terraform plan` asks for it", self.how(module, var, code, text))
        else:
            self.count(module, var)
        return E.ref(f"var.{var}", span)

    def how(self, module: str, var: str, code: str, text: str) -> str:
        """The help of the diagnostic; a child module's new variable is passed by its calls
        from a variable of their module: a placeholder naming its value has one variable per
        module (the value is the same at every call), which the caller's own arguments may
        read; any other has one per call (each instance of the module may need its own)."""
        secret = ("var", var) in self.sensitive.get(module, set())

        def up(caller: str, name: str, where: str) -> str:
            if not _names_value(code, text):
                return self.declare(caller, name, where, text, code, secret)
            key = (caller, f"{code}:{text}", "")
            if key in self.given:
                self.count(caller, self.given[key])
                return self.given[key]
            given = self.given[key] = self.declare(caller, name, where, text, code, secret)
            return given
        return how_to_set(module, var, self.inputs.pass_up(module, var, up), secret,
                          self.inputs.called(module))

    def count(self, module: str, var: str) -> None:
        """One more value reads `var` (its description says how many)."""
        if (module, var) in self.shared:
            block, count = self.shared[(module, var)]
            self.shared[(module, var)] = (block, count + 1)

    def declare(self, module: str, hint: str, where: str, text: str, code: str,
                secret: bool) -> str:
        """A new required variable of `module` for the placeholder `text`."""
        name = self.inputs.free(module, hint, "value")
        how = "given by the calls of this module" if self.inputs.called(module) else \
            f"set TF_VAR_{name}"
        said = f"{_sentence(text)}, for {where} (iac-translate could not give it: {code}); " \
            f"{how}"

        def make() -> TfBlock:
            v = TfBlock("variable", (name,), comments=[
                "scaffolding: a value iac-translate could not give, left to the user"])
            v.set("description", E.Literal(said))
            v.set("type", E.Var("string"))
            if secret:
                v.set("sensitive", E.Literal(True))
            return v
        self.shared[(module, name)] = (self.ctx.scaffold(f"todo:{name}", module, make), 1)
        if secret:
            self.sensitive.setdefault(module, set()).add(("var", name))
        return name

    def output(self, module: str, b: TfBlock) -> None:
        """An output that is a placeholder and nothing else is null: its readers (module
        callers, terraform_remote_state) would take the placeholder's text as data. One with
        a placeholder inside a larger value (a URL, an object) reads a variable there."""
        value = b.get("value")
        found = _whole(value) if value is not None else None
        bad = self.unreached(module, b.labels[0], value) if value is not None and \
            found is None else None
        if bad is not None:  # computed from it (iterated, formatted...): null as a whole
            found = _whole(bad)
        if found is None:
            if value is not None:  # inside a larger value: the user gives that part
                given = self.value(module, value, b.labels[0], b.labels[0],
                                   f"output `{b.labels[0]}`", b.span)
                if given is not value:
                    b.set("value", given)
            return
        code, text = found
        b.set("value", E.Literal(None, span=value.span if value is not None else None),
              f"TODO({code}): {text}: no value on the target, so the output is null")
        how = "is computed from a value the target does not have" if bad is not None else \
            "has no value on the target"
        self.ctx.sink.add(OUTPUT_CODE, (value.span if value is not None else None) or b.span,
                          f"output `{b.labels[0]}` {how} ({code}: {text}); it is written as "
                          "null", "whoever reads it (module callers, terraform_remote_state) "
                          "gets null: give them the value another way, or remove the output")

    def unreached(self, module: str, name: str, value: E.Expr) -> E.Expr | None:
        """A placeholder of `value` that no variable could stand for (iterated, indexed, an
        argument of a function, an operand), or None."""
        self.dry = []
        try:
            self.value(module, value, name, name, "", None)
            reached = {id(e) for e in self.dry}
        finally:
            self.dry = None
        return next((sub for sub in W.walk_only(value, E.Literal)
                     if id(sub) not in reached and _whole(sub)), None)

    def default(self, module: str, b: TfBlock) -> None:
        """A variable whose default is a placeholder: no default, so the user must give it
        (a default cannot read another variable)."""
        default = b.get("default")
        found = _whole(default) if default is not None else None
        if found is None:
            return
        b.items = [i for i in b.items if not (isinstance(i, TfAttr) and i.name == "default")]
        name = b.labels[0]
        if _names_value(*found):
            self.given[(module, f"{found[0]}:{found[1]}", "")] = name
        if secret_name(name):
            self.sensitive.setdefault(module, set()).add(("var", name))
        self.ctx.sink.add(CODE, default.span if default is not None else b.span,
                          f"variable `{name}` has no default iac-translate could give "
                          f"({found[0]}: {found[1]}); it is written without one, so "
                          "`terraform plan` asks for it", self.how(module, name, *found))


def apply(ctx: Ctx) -> dict[str, set[tuple[str, str]]]:
    """Run the pass; returns the sensitive variables it added, per module (the secret pass
    marks the outputs that read them)."""
    p = _Pass(ctx)
    p.run()
    return p.sensitive
