"""EKS lowering of the compute family: what each spec choice becomes, and what it reports."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate

TF = '''
variable "size" {
  type = number
}
resource "ovh_cloud_project_instance" "gpu" {
  region         = "GRA11"
  name           = "a100"
  billing_period = "hourly"
  flavor {
    flavor_id = "a100-180"
  }
  boot_from {
    image_id = "Windows Server 2022"
  }
  network {
    public = true
  }
}
resource "ovh_cloud_project_volume" "small" {
  region_name = "GRA11"
  size        = 50
  type        = "high-speed-gen2"
}
resource "ovh_cloud_project_volume" "computed" {
  region_name = "GRA11"
  size        = var.size
  type        = "high-speed-gen2"
}
resource "ovh_cloud_project_volume" "huge" {
  region_name = "GRA11"
  size        = 2000
  type        = "high-speed-gen2"
}
resource "ovh_cloud_storage_file_share" "smb" {
  region           = "GRA11"
  name             = "smb"
  protocol         = "CIFS"
  size             = 100
  share_network_id = "x"
  share_type       = "standard-1az"
}
resource "ovh_cloud_project_instance_snapshot" "snap" {
  instance_id = ovh_cloud_project_instance.gpu.id
  name        = "before-upgrade"
}
'''


def _run() -> tuple[str, list[str]]:
    result = translate({"main.tf": TF}, "eks", TranslateOptions())
    text = "\n".join(result.files.values())
    return text, [f"{d.code} {d.message}" for d in result.diagnostics]


def test_gpu_instance_is_substituted_and_unknown_image_falls_back() -> None:
    text, diags = _run()
    # AWS has no single-A100 instance: the fit changes the GPU, which is said (IT311).
    assert any(d.startswith("IT311 flavor `a100-180`") for d in diags), diags
    assert any(d.startswith("IT308 ovh_cloud_project_instance.gpu: OVH image") for d in diags)
    assert 'data "aws_ssm_parameter" "debian_12"' in text
    assert "associate_public_ip_address = true" in text
    assert 'http_tokens = "required"' in text
    assert not any("billing_period" in d for d in diags)  # hourly is EC2's own billing


def test_volume_iops_follow_the_size() -> None:
    text, diags = _run()
    assert 'resource "aws_ebs_volume" "small"' in text
    small = text.split('resource "aws_ebs_volume" "small"')[1].split("}")[0]
    assert '"gp3"' in small and "iops" not in small  # 1,500 < gp3's 3,000 baseline
    huge = text.split('resource "aws_ebs_volume" "huge"')[1].split("}")[0]
    assert '"io2"' in huge and "20000" in huge  # past gp3's 16,000
    assert any(d.startswith("IT301 volume type `high-speed-gen2` becomes gp3") for d in diags)


def test_smb_share_is_an_error_and_snapshots_are_not_translated() -> None:
    text, diags = _run()
    assert any(d.startswith("IT305 ovh_cloud_storage_file_share.smb uses CIFS") for d in diags)
    assert any(d.startswith("IT338 ovh_cloud_project_instance_snapshot.snap") and "AWS Backup"
               in d for d in diags)
    assert any("share_type" in d and d.startswith("IT302") for d in diags)
    assert 'resource "aws_efs_file_system" "smb"' in text and "encrypted = true" in text
