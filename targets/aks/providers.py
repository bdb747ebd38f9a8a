"""Provider and settings blocks of an AKS translation."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N

from ..tfbase.context import Ctx


def lower_provider(ctx: Ctx, node: N.Provider) -> None:
    """Filled by the platform family: the azurerm provider, kubernetes/helm providers."""


def lower_settings(ctx: Ctx, node: N.TerraformSettings) -> None:
    """Filled by the platform family: required_providers and the azurerm backend."""


def module_providers(ctx: Ctx, node: N.ModuleCall) -> N.ModuleCall:
    return node


def finish(ctx: Ctx) -> None:
    """Filled by the platform family: provider scaffolding once everything is lowered."""
