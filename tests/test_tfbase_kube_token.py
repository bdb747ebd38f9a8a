"""A kube provider's cluster token (targets/tfbase/kube_token.py), as scaleway and aks call it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.aks import providers as AKS
from iac_translate.targets.scaleway import providers as SCW

CASES = [(SCW, "scaleway_k8s_cluster.main.kubeconfig[0].token",
          "TODO(IT308): the Kapsule cluster's kubeconfig[0].token"),
         (AKS, "azurerm_kubernetes_cluster.main.kube_config[0].password",
          "TODO(IT308): the AKS cluster's kube_config[0].password")]


def _node() -> Any:
    return SimpleNamespace(span=None, name="kubernetes", module="")


def _cluster(count: Any = None, for_each: Any = None, module: str = "") -> Any:
    return SimpleNamespace(module=module, mode="managed", name="main",
                           meta=SimpleNamespace(count=count, for_each=for_each))


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    seen: list[tuple[str, dict[str, Any]]] = []
    for fam in (SCW, AKS):
        monkeypatch.setattr(fam.C, "note", lambda ctx, key, span, **v: seen.append((key, v)))
    return seen


@pytest.mark.parametrize("fam,token,todo", CASES)
def test_the_declared_clusters_token(fam: Any, token: str, todo: str, notes: list) -> None:
    out = fam.token_auth(None, _node(), SimpleNamespace(cluster=_cluster()))
    assert to_hcl(out) == token
    assert notes == [("auth.token_not_certificate", {"name": "kubernetes", "token": token})]


@pytest.mark.parametrize("fam,token,todo", CASES)
def test_a_repeated_cluster_gives_its_first_instance(fam: Any, token: str, todo: str,
                                                     notes: list) -> None:
    out = fam.token_auth(None, _node(), SimpleNamespace(cluster=_cluster(count=E.Literal(2))))
    head, _, rest = token.partition(".main.")
    assert to_hcl(out) == f"{head}.main[0].{rest}"


@pytest.mark.parametrize("fam,token,todo", CASES)
def test_a_cluster_of_another_module_is_a_todo(fam: Any, token: str, todo: str,
                                               notes: list) -> None:
    for cluster in (None, _cluster(module="other")):
        out = fam.token_auth(None, _node(), SimpleNamespace(cluster=cluster))
        assert isinstance(out, E.Literal) and out.value == todo
    assert [k for k, _ in notes] == ["auth.cluster_not_declared"] * 2
