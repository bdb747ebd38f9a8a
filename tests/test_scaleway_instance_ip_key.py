"""Scaleway: a reference to one instance of a counted server's public IP keeps its key."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
resource "ovh_cloud_project_instance" "web" {
  count          = 2
  service_name   = "p"
  region         = "GRA11"
  name           = "web-${count.index}"
  billing_period = "hourly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Debian 12"
  }
  network {
    public = true
  }
  ssh_key {
    name = "k"
  }
}

output "first_ip" {
  value = ovh_cloud_project_instance.web[0].addresses[0].ip
}

output "all_ips" {
  value = [for i in ovh_cloud_project_instance.web : i.addresses[0].ip]
}
'''


def test_an_output_of_one_instances_ip_reads_that_instance() -> None:
    # Before: scaleway_instance_ip.web_public[count.index].address in an output (IT381).
    r = translate({"main.tf": _SRC}, "scaleway")
    text = r.files["main.tf"]
    assert "value = scaleway_instance_ip.web_public[0].address" in text, text
    assert not [d for d in r.diagnostics if d.code == "IT381" and "first_ip" in d.message]
