"""One detector of OVHcloud endpoints, literal or interpolated, shared by translate and lint."""

from __future__ import annotations

import re

from .ir import expr as E

# Any OVHcloud host: object storage (s3.gra.io.cloud.ovh.net, .perf.cloud.ovh.net), AI apps,
# the OpenStack identity endpoint (auth.cloud.ovh.net), OVHcloud US (.cloud.ovh.us), the API.
# Only the domain is matched: a `[\w.-]+\.` host prefix decides nothing and made `search`
# quadratic on long strings (each start re-scanned the rest). Literal alternatives of bounded
# length keep it linear.
OVH_ENDPOINT = re.compile(r"(?:cloud\.ovh\.(?:net|us|ca)|api\.ovh\.com|api\.us\.ovhcloud\.com|"
                          r"ovh\.net|ovhcloud\.com)\b", re.I)
# The S3 API of OVH Object Storage; a region written as `${...}` is still this endpoint.
# `s3.<region>.io.` (Standard) and `.perf.` (High Performance), and the older
# `s3.<region>.cloud.ovh.net` that older modules and docs still use.
OVH_S3 = re.compile(r"^(?:https?://)?s3\.([a-z0-9-]+)\.(?:(?:io|perf)\.)?cloud\.ovh\."
                    r"(?:net|us|ca)/?$", re.I)
# OpenStack Keystone of OVH Public Cloud (the `auth_url` of the openstack provider).
OVH_AUTH = re.compile(r"^(https?://)?auth\.cloud\.ovh\.(net|us|ca)(:\d+)?(/.*)?$", re.I)
# What an interpolation stands for when matching: one DNS label, so `s3.${r}.io...` matches.
_HOLE = "x-hole"


def text_of(expr: E.Expr | None) -> str | None:
    """The string a literal or template spells, interpolations as one DNS label; else None."""
    if isinstance(expr, E.Literal):
        return expr.value if isinstance(expr.value, str) else None
    if isinstance(expr, E.Template) and expr.heredoc is None:
        out = []
        for part in expr.parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, E.Interp):
                out.append(_HOLE)
            else:
                return None
        return "".join(out)
    return None


def is_ovh(text: str) -> bool:
    # Every OVH domain holds `ovh`: one str.find rejects almost every value at once.
    return "ovh" in text.lower() and OVH_ENDPOINT.search(text) is not None


def is_ovh_s3(expr: E.Expr | None) -> bool:
    text = text_of(expr)
    return text is not None and OVH_S3.match(text.strip()) is not None


def s3_region(text: str) -> str | None:
    """The region label of OVH S3 endpoint `text` (`gra` of `https://s3.gra.io.cloud.ovh.net`
    or of `s3.gra.cloud.ovh.net`), else None; an interpolated region is `x-hole`."""
    m = OVH_S3.match(text.strip())
    return m.group(1) if m else None


def is_ovh_auth(expr: E.Expr | None) -> bool:
    text = text_of(expr)
    return text is not None and OVH_AUTH.match(text.strip()) is not None


def endpoints_in(expr: E.Expr) -> list[E.Expr]:
    """Every literal or template below `expr` that names an OVH endpoint, outermost first
    (the literal parts of a matching template are not reported again)."""
    # The self-check asks this of every emitted value: a pre-order on its own stack that
    # reads children the way walks.walk_only does (leaves by one lookup, no child_list call
    # per node) and spells only literals and templates.
    found: list[E.Expr] = []
    stack = [expr]
    pop, extend = stack.pop, stack.extend
    leaf, fast, generic = E._EXPR_FIELDS.get, E._FAST_KIDS.get, E._generic_kids
    while stack:
        e = pop()
        if isinstance(e, _TEXTS):
            text = text_of(e)
            if text is not None and is_ovh(text):
                found.append(e)
                continue
        cls = e.__class__
        if leaf(cls) == ():
            continue
        f = fast(cls)
        kids = f(e) if f is not None else generic(e)
        kids.reverse()
        extend(kids)
    return found


_TEXTS = (E.Literal, E.Template)  # what text_of spells
