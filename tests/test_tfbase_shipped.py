"""A target's shipped table through targets/tfbase/shipped.py: registered only, as shipped."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from iac_translate.targets.aks import common as AC
from iac_translate.targets.aks import disk, iam
from iac_translate.targets.scaleway import common as SC
from iac_translate.targets.scaleway import compute, kube_data
from iac_translate.targets.scaleway import iam as siam
from iac_translate.targets.tfbase.shipped import shipped


def _package(rel: str) -> object:
    return json.loads(resources.files("iac_translate.targets").joinpath(rel).read_text("utf-8"))


def test_each_family_table_is_the_shipped_file() -> None:
    for read, rel in ((disk.table, "aks/compute.json"), (iam.table, "aks/storage.json"),
                      (AC.platform, "aks/platform.json"),
                      (compute.table, "scaleway/compute.json"),
                      (kube_data.table, "scaleway/kube.json"),
                      (siam.table, "scaleway/storage.json"),
                      (SC.platform, "scaleway/platform.json")):
        assert dict(read()) == _package(rel), rel


def test_an_unregistered_table_is_an_error() -> None:
    with pytest.raises(KeyError, match="not registered"):
        shipped("scaleway/nothing.json")
