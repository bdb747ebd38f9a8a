"""A computed name cut to its limit keeps its start and a hash of all of it (issue 14 item 1):
`${project}-${bucket}` storage accounts of one project stay distinct."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.mapping import data_table
from iac_translate.targets.tfbase import naming
from iac_translate.targets.tfbase.naming import is_wrapped
from iac_translate.targets.tfeval import Scope


def _style(target: str, name: str) -> naming.Style:
    return next(s for s in naming.styles(data_table(f"{target}/naming.json")).values()
                if s.name == name)


def _value(style: naming.Style, text: str) -> str | None:
    """What Terraform computes for the wrapped name of `text` (tfeval follows it)."""
    e = E.Template((E.Interp(E.ref("var.p")), text[len("P"):])) if text.startswith("P") \
        else E.Literal(text)
    scope = Scope.of_blocks({"main.tf": []})
    scope._values[("", "var", "p")] = E.Literal("my-very-long-project-identifier")
    return scope.string(style.wrap(e), "main.tf")


def test_long_values_differing_past_the_limit_stay_distinct() -> None:
    s = _style("aks", "storage_account")
    media, backups = _value(s, "P-media"), _value(s, "P-backups")
    assert media and backups and media != backups
    assert all(s.valid(v) and len(v) == s.max for v in (media, backups))
    assert media.startswith("myverylongprojecti") and backups.startswith("myverylongprojecti")


def test_a_value_within_the_limit_is_unchanged() -> None:
    s = _style("aks", "key_vault")
    assert _value(s, "Short_Name") == "short-name"


def test_the_cut_never_doubles_a_hyphen() -> None:
    s = _style("aks", "key_vault")  # refuses "--"
    v = _value(s, "P-k-vault")
    assert v and s.valid(v) and "--" not in v and len(v) <= s.max


def test_the_wrapped_form_is_recognised_and_not_wrapped_twice() -> None:
    s = _style("aks", "storage_account")
    wrapped = s.wrap(E.ref("var.n"))
    assert is_wrapped(wrapped)
    assert to_hcl(wrapped).count("replace(") == 1
    assert "sha1(name)" in to_hcl(wrapped)


def test_a_long_limit_keeps_the_plain_cut() -> None:
    """Past naming._HASHED_UP_TO a cut is rare: the short form reads better there."""
    wrapped = _style("gke", "rfc1035").wrap(E.ref("var.n"))
    assert is_wrapped(wrapped)
    assert to_hcl(wrapped) == 'trim(substr(replace(lower(var.n), "/[^a-z0-9-]/", "-"), 0, 63), "-")'
