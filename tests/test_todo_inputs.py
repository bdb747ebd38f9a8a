"""IT383: a TODO placeholder standing for a whole value becomes a required variable of its
module (passed up through the module calls), so `terraform plan` asks for it instead of
sending the placeholder text to the cloud."""

from __future__ import annotations

import re

import hcl2
import pytest
from asked_for import asked_for
from hcl_normal import unquoted
from iac_translate.compiler.api import translate

KUBE = '''
resource "ovh_cloud_project_kube" "apps" {
  service_name = "x"
  name         = "apps"
  region       = "BHS5"
}
'''
CHILD = '''
variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "apps"
  region       = "BHS5"
}
'''
ROOT = '''
module "east" {
  source       = "./modules/kube"
  service_name = "x"
}

module "west" {
  source       = "./modules/kube"
  service_name = "y"
}
'''
VARIABLE = '''
variable "region" {
  type    = string
  default = "US-EAST-VA-1"
}

resource "ovh_cloud_project_kube" "exchange" {
  service_name = "x"
  name         = "exchange"
  region       = var.region
}
'''


def _run(files: dict[str, str], target: str) -> tuple[dict[str, str], list]:
    r = translate(files, target)
    return dict(r.files), list(r.diagnostics)


def _values(text: str) -> list[str]:
    """Non-comment lines that are not an output's or a description's."""
    return [line for line in text.splitlines() if not line.lstrip().startswith("#")
            and "description" not in line]


def _parse(text: str) -> dict:
    parsed = unquoted(hcl2.loads(text))
    assert isinstance(parsed, dict)
    return parsed


def _variables(text: str) -> dict:
    return {k: v for b in _parse(text).get("variable", []) for k, v in b.items()}


def _outside_outputs(text: str) -> str:
    return re.sub(r'(?ms)^output "[^"]*" \{.*?^\}', "", text)


@pytest.mark.parametrize("target,region", [("scaleway", "BHS5"), ("gke", "XX1"),
                                           ("eks", "XX1")])
def test_a_region_the_target_lacks_is_asked_for(target: str, region: str) -> None:
    files, diags = _run({"main.tf": KUBE.replace("BHS5", region)}, target)
    text = "\n".join(files.values())
    assert "TODO(" not in "\n".join(_values(_outside_outputs(text))), text
    found = [d for d in diags if d.code == "IT383"]
    assert found, [d.code for d in diags]
    assert any(d.code in ("IT364", "IT304") for d in diags)  # the reason is still reported
    var = re.search(r"reads `var\.(\w+)`", found[0].message).group(1)
    declared = _variables(text)
    assert var in declared and declared[var].get("default") is None, declared
    assert f"Region {region}" in declared[var]["description"]
    assert f"var.{var}" in text
    assert f"TF_VAR_{var}" in found[0].hint


def test_a_child_module_gets_it_from_each_call() -> None:
    files, diags = _run({"main.tf": ROOT, "modules/kube/main.tf": CHILD}, "scaleway")
    child = "\n".join(t for p, t in files.items() if p.startswith("modules/"))
    root = "\n".join(t for p, t in files.items() if not p.startswith("modules/"))
    assert "TODO(IT364)" not in "\n".join(_values(_outside_outputs(child)))
    var = re.search(r'variable "(\w*region\w*)"', child).group(1)
    assert "given by the calls of this module" in child
    calls = _parse(root)["module"]
    for call in calls:
        (name, body), = call.items()
        assert body.get(var, "").startswith("${var."), (name, body)
    ups = {body[var] for call in calls for body in call.values()}
    # the child wrote BHS5 itself: every call, and the root's own placeholder for the same
    # region (the provider's), read one root variable
    assert len(ups) == 1, ups
    up = ups.pop()[6:-1]
    assert re.search(rf"region\s+= var\.{up}\b", root), root
    said = _variables(root)[up]["description"]
    assert said.startswith("Region BHS5, for `k_region` of module `east` and 2 more places")
    assert f"set TF_VAR_{up}" in said
    help_ = next(d.hint for d in diags if d.code == "IT383")
    assert "the calls of modules/kube pass it from the root module" in help_


def test_a_variable_whose_default_was_a_placeholder_is_required() -> None:
    files, diags = _run({"main.tf": VARIABLE}, "scaleway")
    text = "\n".join(files.values())
    assert _variables(text)["region"].get("default") is None
    assert "default" not in re.search(r'(?ms)^variable "region" \{.*?^\}', text).group(0)
    d = next(d for d in diags if d.code == "IT383")
    assert "variable `region`" in d.message and "TF_VAR_region" in d.hint


def test_the_same_placeholder_reads_the_variable_that_held_it() -> None:
    """AKS: the resource group's location variable held the region's placeholder; the
    cluster in the same region reads that variable, not a second one."""
    src = KUBE.replace("BHS5", "XX1")
    files, diags = _run({"main.tf": src}, "aks")
    text = "\n".join(files.values())
    assert "location            = var.resource_group_location" in text or \
        re.search(r"location\s+= var\.resource_group_location", text), text
    assert len([d for d in diags if d.code == "IT383"]) == 1, \
        [d.message for d in diags if d.code == "IT383"]


def test_an_output_with_no_value_on_the_target_is_null() -> None:
    """Its readers would take the placeholder's text as data (IT328 before); an output with
    a placeholder inside a larger value (a URL) reads a variable there."""
    src = KUBE + '''
output "api" {
  value = ovh_cloud_project_kube.apps.customization_apiserver[0].admissionplugins
}

output "url" {
  value = "https://${ovh_cloud_project_kube.apps.nodes_url}/x"
}
'''
    files, diags = _run({"main.tf": src}, "gke")
    text = "\n".join(files.values())
    out = re.search(r'(?ms)^output "api" \{.*?^\}', text).group(0)
    assert "value = null" in out and "# TODO(IT206): " in out, out
    assert [d.code for d in diags if "output `api`" in d.message] == ["IT384"]
    assert [d.code for d in diags if "output `url`" in d.message] == ["IT383"]
    url = re.search(r'(?ms)^output "url" \{.*?^\}', text).group(0)
    assert re.search(r'value = "https://\$\{var\.\w+\}/x"', url), url


def test_a_credential_placeholder_is_a_sensitive_variable() -> None:
    src = '''
resource "openstack_compute_keypair_v2" "bastion" {
  name = "bastion-access"
}

resource "local_file" "bastion_pem" {
  content  = openstack_compute_keypair_v2.bastion.private_key
  filename = "${path.module}/bastion.pem"
}
'''
    files, _ = _run({"main.tf": src}, "gke")
    text = "\n".join(files.values())
    assert "content         = var.bastion_pem_content" in text or \
        re.search(r"content\s+= var\.bastion_pem_content", text), text
    assert _variables(text)["bastion_pem_content"].get("sensitive") is True


def test_one_variable_per_placeholder_text_per_module() -> None:
    src = KUBE + KUBE.replace('"apps"', '"apps2"')
    files, diags = _run({"main.tf": src}, "scaleway")
    text = "\n".join(files.values())
    names = set(re.findall(r"var\.(\w*region\w*)", text))
    assert len(names) == 1, names
    assert "more place" in text


def test_the_variables_of_a_template_are_values_too() -> None:
    """public-cloud-examples opnsense-ha: templatefile(..., { WAN_PORT_IP = <an OpenStack
    port's address> }) rendered the placeholder text into the firewall's configuration."""
    src = '''
resource "openstack_networking_port_v2" "wan" {
  name       = "wan"
  network_id = "n"
}

resource "local_file" "config" {
  filename = "config.xml"
  content  = templatefile("${path.module}/config.tpl", {
    WAN_PORT_IP = openstack_networking_port_v2.wan.fixed_ip[0].ip_address
    HOSTNAME    = "fw"
  })
}
'''
    files, diags = _run({"main.tf": src}, "gke")
    text = "\n".join(files.values())
    assert "TODO(IT206)" not in "\n".join(_values(text)), text
    var = re.search(r"WAN_PORT_IP = var\.(\w+)", text)
    assert var, text
    assert "fixed_ip[0].ip_address" in _variables(text)[var.group(1)]["description"]
    assert re.search(r'HOSTNAME\s+= "fw"', text)
    assert any(d.code == "IT383" for d in diags)


def test_an_argument_the_provider_requires_and_nothing_gives_is_asked_for() -> None:
    """terraform-provider-ovh examples: an existing OVH registry read as an Artifact Registry
    repository, whose `location` no OVH argument gives (IT327, a placeholder before)."""
    src = '''
data "ovh_cloud_project_containerregistry" "my_registry" {
  service_name = "XXXXXX"
  registry_id  = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxx"
}
'''
    files, diags = _run({"main.tf": src}, "gke")
    text = "\n".join(files.values())
    assert "TODO(" not in text, text
    var = asked_for(text, "the location the provider requires for "
                    "data.google_artifact_registry_repository.my_registry")
    assert re.search(rf"location\s+= var\.{var}\n", text)
    assert {"IT327", "IT383"} <= {d.code for d in diags}


def test_the_report_says_a_human_sets_the_value() -> None:
    """An unknown flavor was "approximated" (IT303): its pool now waits for a variable the
    user sets, which is a human decision."""
    from iac_translate.compiler import report
    src = KUBE.replace("BHS5", "GRA11") + '''
resource "ovh_cloud_project_kube_nodepool" "odd" {
  service_name  = "x"
  kube_id       = ovh_cloud_project_kube.apps.id
  name          = "odd"
  flavor_name   = "zz9-99"
  desired_nodes = 1
}
'''
    built, _ = report.build({"main.tf": src}, "scaleway")
    entry = next(e for e in built.entries if e.source.endswith("kube_nodepool.odd"))
    assert {"IT303", "IT383"} <= {d.code for d in entry.diagnostics}
    assert entry.status == "manual"


def test_a_placeholder_saying_only_what_kind_of_value_is_one_variable_per_block() -> None:
    """Two volumes without a size need not have the same size: "size in GB" names no value
    (unlike "region BHS5"), so each volume asks for its own."""
    src = '''
resource "openstack_blockstorage_volume_v3" "a" {
  name   = "a"
  region = "GRA11"
}

resource "openstack_blockstorage_volume_v3" "b" {
  name   = "b"
  region = "GRA11"
}
'''
    files, diags = _run({"main.tf": src}, "scaleway")
    text = "\n".join(files.values())
    sizes = set(re.findall(r"size_in_gb\s+= var\.(\w+)", text))
    assert len(sizes) == 2, text
    assert len([d for d in diags if d.code == "IT383"]) == 2
    assert "more place" not in text


def test_a_placeholder_interpolated_in_a_string_is_a_variable_there() -> None:
    src = KUBE.replace("BHS5", "GRA11") + '''
resource "local_file" "kubeconfig_note" {
  filename = "note.txt"
  content  = "nodes at ${ovh_cloud_project_kube.apps.nodes_url}, see the console"
}
'''
    files, diags = _run({"main.tf": src}, "gke")
    text = "\n".join(files.values())
    assert "TODO(IT206)" not in "\n".join(_values(text)), text
    assert re.search(r'content\s+= "nodes at \$\{var\.\w+\}, see the console"', text), text
    assert any(d.code == "IT383" for d in diags)


def test_an_output_computed_from_what_the_target_lacks_is_null() -> None:
    """public-cloud-examples create-service-using-existing-lb: an OVH load balancer flavor
    picked from the OVH flavor list; a string variable could not be iterated (IT328)."""
    src = '''
data "ovh_cloud_project_loadbalancer_flavors" "flavors" {
  service_name = "x"
  region_name  = "GRA11"
}

output "flavor_small" {
  value = element([
    for f in data.ovh_cloud_project_loadbalancer_flavors.flavors.flavors : f if f.name == "small"
  ], 0).id
}
'''
    files, diags = _run({"main.tf": src}, "eks")
    text = "\n".join(files.values())
    out = re.search(r'(?ms)^output "flavor_small" \{.*?^\}', text).group(0)
    assert "value = null" in out, out
    said = [d for d in diags if "output `flavor_small`" in d.message]
    assert [d.code for d in said] == ["IT384"] and "is computed from" in said[0].message
    assert not [d for d in diags if d.code == "IT328"]


def test_an_output_formatted_from_what_the_target_lacks_is_null() -> None:
    """terraform-provider-ovh examples: `format("%s: %d vCPUs", <OVH flavor attributes>)`;
    a string variable given to %d fails the plan too."""
    src = '''
data "ovh_cloud_instance_flavor" "flavor" {
  service_name = "x"
  id           = "f"
}

output "flavor_sizing" {
  value = format("%s: %d vCPUs", data.ovh_cloud_instance_flavor.flavor.name,
  data.ovh_cloud_instance_flavor.flavor.vcpus)
}
'''
    files, diags = _run({"main.tf": src}, "gke")
    text = "\n".join(files.values())
    out = re.search(r'(?ms)^output "flavor_sizing" \{.*?^\}', text).group(0)
    assert "value = null" in out, out
    assert [d.code for d in diags if "output `flavor_sizing`" in d.message] == ["IT384"]
    assert not [d for d in diags if d.code in ("IT328", "IT383")]


def test_a_reference_to_an_ovh_object_nothing_stands_for_is_asked_for() -> None:
    """public-cloud-examples managed-rancher: `ovh_cloud_project_rancher` has no equivalent
    (IT305); its references were kept as written and named nothing in the output (IT326,
    `terraform validate` fails)."""
    src = '''
resource "ovh_cloud_project_rancher" "rancher" {
  project_id = "x"
  target_spec = {
    name = "r"
    plan = "STANDARD"
  }
}

output "rancher_url" {
  value = ovh_cloud_project_rancher.rancher.current_state.url
}

resource "local_file" "f" {
  filename = "u.txt"
  content  = ovh_cloud_project_rancher.rancher.current_state.url
}
'''
    files, diags = _run({"main.tf": src}, "eks")
    text = "\n".join(files.values())
    assert "ovh_cloud_project_rancher.rancher.current_state" not in "\n".join(_values(text))
    assert not [d for d in diags if d.code == "IT326"], [d.message for d in diags]
    assert re.search(r"content\s+= var\.\w+", text)
    assert [d.code for d in diags if "output `rancher_url`" in d.message] == ["IT384"]
    placed = [d for d in diags if d.code == "IT383"]
    assert placed and placed[0].span and placed[0].span.line == 16  # at the reference


def test_vms_of_one_image_network_and_key_pair_ask_once() -> None:
    """AKS (terraform-provider-ovh examples: 34 VMs asked publisher, offer and sku each, 24 a
    subnet, 19 a key): the placeholders name the OVH image, network and key pair, so two VMs
    sharing them ask one question each; another image asks its own."""
    vm = '''
resource "openstack_compute_instance_v2" "%s" {
  name        = "%s"
  flavor_name = "b3-8"
  image_name  = "%s"
  key_pair    = "k"
  network {
    uuid = var.net_id
  }
}
'''
    src = 'variable "net_id" {\n  type = string\n}\n' + vm % ("a", "a", "Rocky Linux 9") + \
        vm % ("b", "b", "Rocky Linux 9") + vm % ("c", "c", "Alma Linux 9")
    files, _ = _run({"main.tf": src}, "aks")
    text = "\n".join(files.values())
    for arg, count in (("publisher", 2), ("subnet_id", 1), ("public_key", 1)):
        used = set(re.findall(rf"\b{arg}\s+= var\.(\w+)", text))
        assert len(used) == count, (arg, used)
    said = _variables(text)
    assert any("OVH key pair `k`" in v["description"] for v in said.values())
    assert any("OVH network `var.net_id`" in v["description"] for v in said.values())


@pytest.mark.parametrize("target,arg", [("scaleway", "image"), ("gke", "machine_type"),
                                        ("eks", "instance_type")])
def test_instances_of_one_unknown_image_or_flavor_ask_once(target: str, arg: str) -> None:
    vm = '''
resource "openstack_compute_instance_v2" "%s" {
  name        = "%s"
  flavor_id   = "%s"
  image_name  = "Windows Server 2022"
  network {
    name = "Ext-Net"
  }
}
'''
    src = vm % ("a", "a", "f-1") + vm % ("b", "b", "f-1") + vm % ("c", "c", "f-2")
    files, _ = _run({"main.tf": src}, target)
    text = "\n".join(files.values())
    asked = _variables(text)
    named = [v["description"] for v in asked.values() if "replacing the OVH" in
             v["description"]]
    assert named, asked
    if target == "scaleway":  # one image for the three
        assert len(named) == 1 and "Windows Server 2022" in named[0], named
    else:  # two flavors: two questions, the first for two instances
        assert len(named) == 2 and any("OVH flavor `f-1`" in d and "1 more place" in d
                                       for d in named), named


def test_a_disk_and_its_instance_in_one_region_ask_for_one_zone() -> None:
    """GKE: the zone of an unknown region is asked once per region, so a disk cannot be put
    in another zone than the instance it attaches to."""
    src = '''
resource "openstack_compute_instance_v2" "vm" {
  name        = "vm"
  flavor_name = "b3-8"
  image_name  = "Ubuntu 22.04"
  region      = "XX1"
  network {
    name = "Ext-Net"
  }
}

resource "openstack_blockstorage_volume_v3" "d" {
  name   = "d"
  size   = 10
  region = "XX1"
}

resource "openstack_compute_volume_attach_v2" "a" {
  instance_id = openstack_compute_instance_v2.vm.id
  volume_id   = openstack_blockstorage_volume_v3.d.id
}
'''
    files, _ = _run({"main.tf": src}, "gke")
    text = "\n".join(files.values())
    zones = set(re.findall(r"\bzone\s+= var\.(\w+)", text))
    assert len(zones) == 1, text
    assert "OVH region `XX1`" in _variables(text)[zones.pop()]["description"]


@pytest.mark.parametrize("target", ["eks", "scaleway"])
def test_instances_of_one_unknown_security_group_ask_once(target: str) -> None:
    vm = '''
resource "openstack_compute_instance_v2" "%s" {
  name            = "%s"
  flavor_name     = "b3-8"
  image_name      = "Ubuntu 22.04"
  security_groups = ["web-sg"]
  network {
    name = "Ext-Net"
  }
}
'''
    files, _ = _run({"main.tf": vm % ("a", "a") + vm % ("b", "b")}, target)
    text = "\n".join(files.values())
    used = set(re.findall(r"security_group_ids?\s+= \[?var\.(\w+)", text))
    assert len(used) == 1, text
    assert "source group" in _variables(text)[used.pop()]["description"]
