"""The last pass over emitted Terraform: literal credentials become sensitive variables."""

from __future__ import annotations

from iac_translate.compiler import secrets
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import walks as W
from iac_translate.compiler.span import Span

from ..hclwrite import TfAttr, TfBlock
from .context import Ctx, module_of
from .module_inputs import ModuleInputs, how_to_set

# Names that describe a value rather than hold it, whatever the word before them.
_NEVER = {"description", "sensitive", "type", "nullable", "ephemeral"}


def _literal(e: E.Expr, by_name: bool, name: str = "") -> bool:
    """A credential written as a literal: any string when its name says so, else by shape."""
    if isinstance(e, E.Literal) and isinstance(e.value, str):
        s = e.value
        return bool(s) and not secrets.placeholder(s) and (by_name or
                                                           secrets.secret_value(s, name))
    if isinstance(e, E.Template):
        text = "".join(p for p in e.parts if isinstance(p, str))
        # A URL's credential is its userinfo, which find() reads: a connection string built
        # of interpolations (`postgresql://${user}:${password}@${host}/db`) holds none,
        # whatever the output is called.
        named = by_name and "://" not in text
        return bool(secrets.find(text)) or (named and bool(text.strip()) and
                                            not secrets.placeholder(text))
    return False


_TEXTS = (E.Literal, E.Template)  # (a tuple: `A | B` is built anew at every call)


def _plain(e: E.Expr, name: str) -> bool:
    """A literal that is no credential: `_Pass.value` returns it as it is (the pass asks this
    of every emitted attribute, before building the names and texts a credential needs)."""
    if e.__class__ is not E.Literal:
        return False
    s = e.value
    return not (isinstance(s, str) and s and not secrets.placeholder(s) and
                (secrets.secret_name(name) or secrets.secret_value(s, name)))


def _holds(e: E.Expr, by_name: bool, name: str = "") -> bool:
    for sub in W.walk_only(e, _TEXTS):  # only literals and templates can be one
        if _literal(sub, by_name and sub is e, name if sub is e else ""):
            return True
    return False


def _holds_below(e: E.Expr) -> bool:
    """_holds(e, False, name) once _literal(e, ...) was False: `e` itself is not asked again
    (a template's text was searched for credentials twice)."""
    subs = W.walk_only(e, _TEXTS)
    for sub in subs[1:] if subs and subs[0] is e else subs:
        if _literal(sub, False):
            return True
    return False


class _Pass:
    def __init__(self, ctx: Ctx, tainted: dict[str, set[tuple[str, str]]]) -> None:
        self.ctx = ctx
        self.tainted = tainted  # module -> {(var|local, name)}
        self.inputs = ModuleInputs(ctx)

    def run(self) -> None:
        for path, blocks in sorted(self.ctx.files.items()):
            module = module_of(path)
            for block in list(blocks):
                self.block(module, block)
        self.mark_outputs()

    def variable(self, module: str, hint: str, where: str, span: Span | None) -> E.Expr:
        """A new sensitive variable with no default, in the module's scaffold file; the calls
        of a child module pass it on from their own module (up to the root)."""
        name = self.declare(module, hint, where)
        self.ctx.sink.add("IT315", span, f"{where} held a literal credential; it is now "
                          f"`var.{name}` (sensitive, no default)", self.how(module, name))
        return E.ref(f"var.{name}", span)

    def how(self, module: str, name: str) -> str:
        return how_to_set(module, name, self.inputs.pass_up(module, name, self.declare), True,
                          self.inputs.called(module))

    def declare(self, module: str, hint: str, where: str) -> str:
        name = self.inputs.free(module, hint, "secret")

        def make() -> TfBlock:
            v = TfBlock("variable", (name,), comments=[
                f"scaffolding: a literal credential of {where} was removed by iac-translate"])
            # a child module's variable is given by its calls (pass_up), not by TF_VAR_
            how = "given by the calls of this module" if self.inputs.called(module) else \
                f"set TF_VAR_{name}"
            v.set("description", E.Literal(f"Credential for {where} ({how})"))
            v.set("type", E.Var("string"))
            v.set("sensitive", E.Literal(True))
            return v
        self.ctx.scaffold(f"secret:{name}", module, make)
        self.tainted.setdefault(module, set()).add(("var", name))
        return name

    def block(self, module: str, b: TfBlock) -> None:
        label = ".".join(b.labels)
        if b.type == "variable" and b.labels:
            self.var_default(module, b)
        elif b.type == "output" and b.labels:
            value = b.get("value")
            if value is not None and _holds(value, secrets.secret_name(b.labels[0])):
                b.set("value", self.variable(module, f"output_{b.labels[0]}",
                                             f"output `{b.labels[0]}`", value.span))
                b.set("sensitive", E.Literal(True))
        elif b.type == "terraform":
            for backend in (i for i in b.items if isinstance(i, TfBlock) and i.type == "backend"):
                self.backend(backend)
        elif b.type:
            prefix = "" if b.type == "locals" else (b.labels[-1] if b.labels else b.type)
            what = "locals" if b.type == "locals" else f"{b.type} `{label}`"
            self.items(module, b, prefix, what)

    def var_default(self, module: str, b: TfBlock) -> None:
        default = b.get("default")
        flag = b.get("sensitive")
        sensitive = isinstance(flag, E.Literal) and flag.value is True
        by_name = sensitive or secrets.secret_name(b.labels[0])
        # the variable's name judges its default's shape too (hex named service_name is the
        # OVH project id, not a key: removing it left a required variable nothing reads)
        if default is None or not _holds(default, by_name, b.labels[0]):
            return
        b.items = [i for i in b.items if not (isinstance(i, TfAttr) and i.name == "default")]
        b.set("sensitive", E.Literal(True))
        self.tainted.setdefault(module, set()).add(("var", b.labels[0]))
        self.ctx.sink.add("IT315", default.span, f"the default of variable `{b.labels[0]}` is a "
                          "literal credential; it is not written, so the variable is required",
                          self.how(module, b.labels[0]))

    def items(self, module: str, b: TfBlock, prefix: str, what: str) -> None:
        for i, item in enumerate(b.items):
            if isinstance(item, TfBlock):
                self.items(module, item, f"{prefix}_{item.type}".strip("_"), what)
                continue
            if item.name in _NEVER or _plain(item.value, item.name):
                continue  # (most values: the texts below are built for a credential only)
            hint = f"{prefix}_{item.name}".strip("_")
            where = f"`{item.name}` of {what}"
            value = self.value(module, item.value, item.name, hint, where)
            if value is not item.value:
                b.items[i] = TfAttr(item.name, value, item.comments)
                if b.type == "locals":
                    self.tainted.setdefault(module, set()).add(("local", item.name))

    def value(self, module: str, e: E.Expr, name: str, hint: str, where: str) -> E.Expr:
        if _literal(e, secrets.secret_name(name), name):
            return self.variable(module, hint, where, e.span)
        if e.__class__ is E.Literal:  # most values: the check above was all `_holds` does
            return e
        if isinstance(e, E.Object):  # a map: its keys are names too
            items = tuple((k, v if _plain(v, E.key_name(k) or "") else
                           self.value(module, v, E.key_name(k) or "", f"{hint}_"
                                      f"{E.key_name(k) or 'value'}", where))
                          for k, v in e.items)
            return e if all(a[1] is b[1] for a, b in zip(items, e.items)) else \
                E.Object(items, span=e.span)
        if not _holds_below(e):
            return e
        return E.transform(e, lambda s: self.variable(module, hint, where, s.span)
                           if _literal(s, False, name if s is e else "") else None)

    def backend(self, b: TfBlock) -> None:
        """Backends cannot read variables: a literal credential is dropped for -backend-config."""
        for item in list(b.items):
            if isinstance(item, TfAttr) and _literal(item.value, secrets.secret_name(item.name)):
                b.items.remove(item)
                self.ctx.sink.add("IT315", item.value.span, f"backend `{item.name}` held a "
                                  "literal credential; it is not written",
                                  f"pass it with `terraform init -backend-config={item.name}="
                                  "...` or the backend's environment variable")

    def mark_outputs(self) -> None:
        """Outputs reading a value made sensitive here must say so, or Terraform refuses them."""
        by_module: dict[str, list[TfBlock]] = {}
        for path, placed in self.ctx.files.items():
            by_module.setdefault(module_of(path), []).extend(placed)
        for module, blocks in by_module.items():
            tainted = self.tainted.get(module, set())
            if not tainted:  # nothing to read: no local or output to mark
                continue
            changed = True
            while changed:  # locals reading tainted locals
                changed = False
                for b in (b for b in blocks if b.type == "locals"):
                    for item in b.items:
                        if isinstance(item, TfAttr) and ("local", item.name) not in tainted \
                                and _reads(item.value, tainted):
                            tainted.add(("local", item.name))
                            changed = True
            for b in blocks:
                value = b.get("value") if b.type == "output" else None
                if value is not None and _reads(value, tainted):
                    b.set("sensitive", E.Literal(True))


def _reads(e: E.Expr, names: set[tuple[str, str]]) -> bool:
    for _, t in W.traversals(e):
        if t[1] and t[1][0][0] == "attr" and (t[0], str(t[1][0][1])) in names:
            return True
    return False


def apply(ctx: Ctx, sensitive: dict[str, set[tuple[str, str]]] | None = None) -> None:
    """Run the pass; `sensitive` are the variables an earlier pass made sensitive, per
    module (the outputs reading them are marked too)."""
    _Pass(ctx, {m: set(v) for m, v in (sensitive or {}).items()}).run()
