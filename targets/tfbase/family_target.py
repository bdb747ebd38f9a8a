"""A Terraform target assembled from its concept-family modules and its providers module."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from iac_translate.compiler.ir import nodes as N

from . import localfiles, omitted
from .context import Ctx
from .driver import Declaring, Lowering, TerraformTarget
from .fitmap import machine_type_of, region_mapper, region_of, zone_of
from .refs import RefTarget


def _merged(families: tuple[ModuleType, ...], attr: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for family in families:  # a later family's entry wins
        out.update(getattr(family, attr, {}))
    return out


class FamilyTarget(TerraformTarget):
    """Each family module exports DECLARE and LOWER (concept kind -> function) and may export
    `mappers(ctx)` for the values it maps in variable defaults; a kind no module lowers is
    reported (IT305) by the driver. PROVIDERS lowers provider and settings blocks, module
    provider passing and the target-wide scaffolding (`finish`, which ends with the checks
    every target runs last: a target's own `finish` calls it)."""

    FAMILIES: tuple[ModuleType, ...] = ()
    PROVIDERS: ModuleType
    LOOKUP_NAME = ""  # how omitted lookups name the cloud ("EKS")
    OTHER_WORDS: dict[str, str] = {}  # omitted.lower_other's words

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.FAMILIES:
            return

        def declare_lookup(ctx: Ctx, node: N.Resource) -> RefTarget:
            return omitted.declare_lookup(ctx, node, lambda s: region_of(ctx, s))

        def lower_lookup(ctx: Ctx, node: N.Resource) -> None:
            omitted.lower_lookup(ctx, node, cls.LOOKUP_NAME)

        def lower_other(ctx: Ctx, node: N.Resource) -> None:
            omitted.lower_other(ctx, node, cls.OTHER_WORDS)

        declare: dict[str, Declaring] = {"Lookup": declare_lookup,
                                         **_merged(cls.FAMILIES, "DECLARE")}
        lower: dict[str, Lowering] = {"Lookup": lower_lookup, "OvhOther": lower_other,
                                      **_merged(cls.FAMILIES, "LOWER")}
        cls.DECLARE, cls.LOWER = declare, lower

    def mappers(self, ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
        out: dict[str, Callable[[str], str | None]] = {
            "region": lambda s: region_mapper(ctx, s), "zone": lambda s: zone_of(ctx, s),
            "flavor": lambda s: machine_type_of(ctx, s)}
        for family in self.FAMILIES:
            extra = getattr(family, "mappers", None)
            if extra is not None:
                out.update(extra(ctx))
        return out

    def ovh_vocabulary(self, ctx: Ctx, value: str) -> str | None:
        flavors = ctx.tables.ovh_flavors
        if value in flavors["instance"] or value in flavors["database"]:
            return "flavor"
        if value.isupper() and value in ctx.tables.ovh_regions["regions"]:
            return "region"
        return None

    def lower_provider(self, ctx: Ctx, node: N.Provider) -> None:
        self.PROVIDERS.lower_provider(ctx, node)

    def lower_settings(self, ctx: Ctx, node: N.TerraformSettings) -> None:
        self.PROVIDERS.lower_settings(ctx, node)

    def lower_module_call(self, ctx: Ctx, node: N.ModuleCall) -> None:
        super().lower_module_call(ctx, self.PROVIDERS.module_providers(ctx, node))

    def finish(self, ctx: Ctx) -> None:
        self.PROVIDERS.finish(ctx)
        _last_checks(ctx)


def _last_checks(ctx: Ctx) -> None:
    """What reads the blocks once every one is written: local files they read (IT341)."""
    localfiles.check(ctx)
