"""What the load balancer lowerings read and say alike (targets/tfbase/lb_family.py) on
scaleway and aks: listener labels, unread keys, protocols not forwarded, members' ports and
weights, a health monitor kind turned TCP, each in the cloud's words."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

LB = '''
resource "ovh_cloud_project_loadbalancer" "web" {
  service_name = "x"
  region_name  = "GRA11"
  name         = "web"
  flavor_id    = "small"
  network = {
    private = {
      network = {
        id        = "n"
        subnet_id = "s"
      }
      floating_ip_create = { description = "front" }
    }
  }
  listeners = [
    {
      port     = 443
      protocol = "tcp"
      timeout_client_data = 30
      pool = {
        algorithm = "roundRobin"
        protocol  = "tcp"
        members = [
          { address = "10.0.0.5", protocol_port = 8443, weight = 1 },
          { address = "10.0.0.6", protocol_port = 9443, weight = 3 },
        ]
        health_monitor = { monitor_type = "udp-connect", delay = 10 }
      }
    },
    { port = 53, protocol = "%s" },
  ]
}
'''
A = "ovh_cloud_project_loadbalancer.web"
WORDS = {"scaleway": ("sctp", "Scaleway Load Balancers forward TCP and HTTP only",
                      "a Scaleway backend forwards to one port", "check"),
         "aks": ("terminated-https", "an Azure load balancer forwards TCP and UDP",
                 "an Azure rule forwards to one backend port", "probe")}


def _run(target: str) -> list[tuple[str, str]]:
    r = translate({"main.tf": LB % WORDS[target][0]}, target)
    return [(d.code, d.message) for d in r.diagnostics]


@pytest.mark.parametrize("target", WORDS)
def test_each_finding_is_said_once_in_the_clouds_words(target: str) -> None:
    proto, forwards, one_port, check = WORDS[target]
    diags = _run(target)
    said = {code: [m for c, m in diags if c == code] for code in ("IT301", "IT302", "IT305")}
    [not_forwarded] = [m for m in said["IT305"] if m.startswith(f"listener 53 of {A} is ")]
    assert not_forwarded.startswith(f"listener 53 of {A} is `{proto}`: {forwards}")
    assert not_forwarded.endswith("; it is not translated")
    assert len([m for m in said["IT301"] if f"listen on ports 8443, 9443: {one_port}" in m]) == 1
    assert len([m for m in said["IT302"] if m.startswith(f"member weights of {A}'s listener "
                                                          "443 are not translated: ")]) == 1
    assert len([m for m in said["IT302"] if m.startswith(
        f"`listeners.timeout_client_data` of {A} is not translated: ")]) == 1
    assert len([m for m in said["IT302"] if m.startswith(
        f"the floating IP description of {A} is not translated: ")]) == 1
    assert f"health monitor `udp-connect` of {A} becomes a TCP {check}" in said["IT301"]


@pytest.mark.parametrize("target,made", [("scaleway", "frontend or backend"),
                                         ("aks", "rule or backend pool")])
def test_computed_listeners_make_nothing_and_say_so(target: str, made: str) -> None:
    src = 'variable "l" {\n  type = any\n}\n' + LB.split("  listeners = [")[0].replace(
        "%s", "") + "  listeners = var.l\n}\n"
    diags = [(d.code, d.message) for d in translate({"main.tf": src}, target).diagnostics]
    assert ("IT308", f"the listeners of {A} are computed: no {made} is made") in diags
