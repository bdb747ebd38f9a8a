"""Scaleway File Storage: size steps, the NFS export that has no counterpart."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate


def _run(tf: str) -> tuple[str, list[tuple[str, str]]]:
    result = translate({"main.tf": tf}, "scaleway", TranslateOptions())
    return "\n".join(result.files.values()), [(d.code, d.message) for d in result.diagnostics]


SHARE = '''
resource "ovh_cloud_project_file_storage_share" "s" {
  service_name = "x"
  region_name  = "GRA9"
  name         = "data"
  size         = %d
}
output "path" {
  value = ovh_cloud_project_file_storage_share.s.export_locations[0].path
}
'''


def test_size_is_raised_to_the_minimum_and_is_said() -> None:
    out, diags = _run(SHARE % 10)
    assert 'resource "scaleway_file_filesystem" "s"' in out and "size_in_gb = 25" in out
    assert any(c == "IT301" and "10 GB becomes 25 GB" in m for c, m in diags)
    out, diags = _run(SHARE % 150)
    assert "size_in_gb = 150" in out
    assert not any("GB becomes" in m for _, m in diags)


def test_nfs_export_is_reported_not_invented() -> None:
    out, diags = _run(SHARE % 100)
    assert "TODO(IT206)" in out  # the NFS path has no Scaleway value
    assert any(c == "IT301" and "not exported over NFS" in m for c, m in diags)
