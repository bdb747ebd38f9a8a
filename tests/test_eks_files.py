"""EKS file shares: EFS mount targets follow the file system, repeated or not."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate

TF = '''
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "n"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "n" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "GRA11"
  network      = "10.1.0.0/16"
  start        = "10.1.0.10"
  end          = "10.1.255.250"
}
resource "ovh_cloud_storage_file_share" "one" {
  region           = "GRA11"
  name             = "one"
  protocol         = "NFS"
  size             = 100
  share_type       = "standard-1az"
  share_network_id = "x"
  network_id       = ovh_cloud_project_network_private.n.id
}
resource "ovh_cloud_storage_file_share" "many" {
  count            = 2
  region           = "GRA11"
  name             = "many-${count.index}"
  protocol         = "NFS"
  size             = 100
  share_type       = "standard-1az"
  share_network_id = "x"
  network_id       = ovh_cloud_project_network_private.n.id
}
'''


def _mount(text: str, label: str) -> str:
    return text.split(f'resource "aws_efs_mount_target" "{label}"')[1].split("\n}\n")[0]


def test_mount_targets_per_subnet_or_one_per_repeated_file_system() -> None:
    result = translate({"main.tf": TF}, "eks", TranslateOptions())
    text = "\n".join(result.files.values())
    one = _mount(text, "one")
    assert "count           = length([aws_subnet.n_a.id, aws_subnet.n_b.id])" in one
    assert "file_system_id  = aws_efs_file_system.one.id" in one
    many = _mount(text, "many")
    assert "count           = 2" in many
    assert "file_system_id  = aws_efs_file_system.many[count.index].id" in many
    assert "subnet_id       = aws_subnet.n_a.id" in many  # a literal list: its first
    assert any(d.code == "IT301" and "is repeated: each file system gets one mount target"
               in d.message for d in result.diagnostics)
