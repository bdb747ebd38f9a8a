"""A `backend "swift"` (removed from Terraform 1.3) becomes the target's state backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.passes import platform as PL

from ..hclwrite import TfBlock
from .context import Ctx

# Swift's default state object when `state_name` is not written (Terraform <= 1.2).
_SWIFT_STATE = "tfstate.tf"


def note_words(spec: PL.StateBackend) -> tuple[str, str, str]:
    """What a target's backend note calls the source backend, `stays`/`becomes` for an S3
    target backend, and how the state gets there: `terraform init -migrate-state` moves an
    S3 state, but no Terraform that reads the new configuration reads Swift (IT308 says how)."""
    if spec.origin == "swift":
        return ("the Swift backend", "becomes",
                "move the state there by hand, as the IT308 note on this backend says")
    return "the S3 backend on OVH Object Storage", "stays", "run `terraform init -migrate-state`"


def lower(ctx: Ctx, b: TfBlock, spec: PL.StateBackend, module: str,
          ovh_backend: Callable[[Ctx, TfBlock, PL.StateBackend, str], None]) -> None:
    """The target writes its backend as for the OVH S3 one (the container is the bucket);
    the Swift-only arguments are reported here, and how to carry the state across: no
    Terraform that accepts the new configuration can read a Swift state, so
    `terraform init -migrate-state` cannot move it."""
    # (the target would list them as S3 arguments: they are reported here, one by one)
    ovh_backend(ctx, b, replace(spec, dropped=(), unknown=()), module)
    for d in spec.dropped:
        ctx.sink.add("IT302", d.source.span or spec.source.span, f"backend swift `{d.name}` "
                     f"is not translated: {d.reason}")
    for name, value in spec.unknown:
        ctx.sink.add("IT302", value.span or spec.source.span, f"backend swift `{name}` is not "
                     "translated: it is not an argument of the swift backend this "
                     "translation knows", "set it again if the new backend needs it")
    new = [i for i in b.items if isinstance(i, TfBlock) and i.type == "backend"]
    kind = new[-1].labels[0] if new and new[-1].labels else "new"
    container = E.str_value(spec.bucket) if spec.bucket is not None else None
    where = f"`{container}`" if container else "<container>"
    written = E.obj_get(spec.source, "state_name") is not None
    obj = spec.key or ("<state_name>" if written else _SWIFT_STATE)
    ctx.sink.add(
        "IT308", spec.source.span, "`backend \"swift\"` was removed from Terraform in 1.3 "
        f"(`terraform init` fails on it): it is replaced by the {kind} backend, and the state "
        f"in Swift container {where} (object `{obj}`) must be moved there by hand: "
        "`terraform init -migrate-state` needs a Terraform that reads both backends, and "
        "none since 1.3 reads Swift",
        f"before applying anything: `openstack object save --file ovh.tfstate "
        f"{container or '<container>'} {obj}` (or, in the old working directory with "
        "Terraform 1.2, `terraform state pull > ovh.tfstate`); create the new backend's "
        "storage, then with this configuration `terraform init` and `terraform state push "
        "ovh.tfstate`; each workspace is a state of its own: repeat for each (`terraform "
        "workspace select`)")
