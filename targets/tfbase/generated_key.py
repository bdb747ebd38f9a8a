"""An OpenStack key pair with no public_key: a tls_private_key generates the pair it did."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from . import passthrough as P
from .companions import meta_only, same
from .context import Ctx

TLS, TLS_PROVIDER = "tls_private_key", {"source": "hashicorp/tls", "version": "~> 4.0"}
# What OpenStack returns for a pair it generated, read on the tls_private_key instead.
_READS = {"private_key": "private_key_openssh", "fingerprint": "public_key_fingerprint_md5"}


def generate(ctx: Ctx, node: N.Resource) -> E.Expr:
    """The public half of a tls_private_key of the same label and instances (RSA 4096) for
    key pair `node`; its references to private_key/fingerprint follow it (IT301)."""
    g = TfBlock("resource", (TLS, node.name))
    g.note(f"the key pair {node.address} let OpenStack generate (its private key is in the "
           "Terraform state, as it was)")
    g.set("algorithm", E.Literal("RSA"))
    g.set("rsa_bits", E.Literal(4096, "4096"))
    ctx.extra_providers["tls"] = TLS_PROVIDER
    P.emit_meta(ctx, g, meta_only(node), {})
    ctx.emit(node.span, g)
    holder = _follow(ctx, node)
    ctx.sink.add("IT301", node.span, f"{node.address} sets no public_key (OpenStack generates "
                 f"the pair): {TLS}.{node.name} generates an RSA 4096 key and {holder} holds "
                 f"its public half; `private_key` reads {TLS}.{node.name}.private_key_openssh "
                 "(sensitive)", "or set public_key to a key of your own and keep the private "
                 "key out of the state")
    return same(node, TLS, "public_key_openssh")


def _follow(ctx: Ctx, node: N.Resource) -> str:
    """The key's references to what OpenStack generated read the tls_private_key. Done when
    the key is lowered (the family's declaration knows no tls block): what reads a private
    key (outputs, local_file, templates) is written after every key pair."""
    key = ctx.key_of(node)
    target = ctx.refmap.get(key)
    if target is None or target.self_ref is None:
        return "the key"
    merged = {**target.rules, **rules()}
    ctx.refmap[key] = dataclasses.replace(target, rules=merged)
    return target.self_ref


def rules() -> dict[str, Callable[[E.Expr, list[E.Step]], E.Expr | None]]:
    """The reference rules of a generated key pair's private key and fingerprint, for a
    target that declares them itself (before its keys are lowered)."""
    return {attr: _reader(to) for attr, to in _READS.items()}


def _reader(attr: str) -> Callable[[E.Expr, list[E.Step]], E.Expr | None]:
    def read(head: E.Expr, rest: list[E.Step]) -> E.Expr | None:
        # `<key type>.<label>[key]` -> `tls_private_key.<label>[key].<attr>`
        _, steps = E.traversal(head) or ("", [])
        if not steps:  # a for expression's variable: its key is not known here (IT206)
            return None  # (refs.apply: None = no rule)
        return E.build_traversal(TLS, list(steps) + [("attr", attr)] + list(rest))
    return read
