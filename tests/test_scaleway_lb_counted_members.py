"""Scaleway: a load balancer's members naming instances of a counted server read those
instances' addresses (their flexible IPs), not the server's own `[count.index]`."""

from __future__ import annotations

from pathlib import Path

from iac_translate.compiler.api import translate

_INPUT = Path(__file__).parent.parent / "golden" / "lb_private" / "input" / "main.tf"


def _translate(src: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, "scaleway")
    return r.files["main.tf"], [d.message for d in r.diagnostics if d.code == "IT381"]


def test_listed_members_keep_their_instance_key() -> None:
    text, errors = _translate(_INPUT.read_text())
    assert errors == []
    backend = text[text.index('resource "scaleway_lb_backend" "resolver_853"'):]
    backend = backend[:backend.index("\n}\n")]
    assert "scaleway_instance_ip.dns_public[0].address" in backend
    assert "scaleway_instance_ip.dns_public[1].address" in backend
    assert "count.index" not in backend


def test_members_over_the_instances_read_the_for_key() -> None:
    src = _INPUT.read_text()
    start = src.index("        members = [\n          {\n            address       = "
                      "ovh_cloud_project_instance.dns[0].addresses[0].ip\n"
                      "            protocol_port = 853")
    end = src.index("        ]\n", start) + len("        ]\n")
    src = src[:start] + ("        members = [for i in ovh_cloud_project_instance.dns : "
                         "{ address = i.addresses[0].ip, protocol_port = 853 }]\n") + src[end:]
    text, errors = _translate(src)
    assert errors == []
    assert "[for k, i in scaleway_instance_server.dns : { address = " \
        "scaleway_instance_ip.dns_public[k].address" in text
