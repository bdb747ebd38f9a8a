"""GKE: an S3 policy naming a declared bucket by its literal name reads the bucket's address,
so the IAM member is created after the bucket (not at once, failing on a missing bucket)."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
resource "ovh_cloud_project_user" "u" {
  service_name = "p"
  description  = "writer"
  role_names   = ["objectstore_operator"]
}

resource "ovh_cloud_project_user_s3_policy" "u" {
  service_name = "p"
  user_id      = ovh_cloud_project_user.u.id
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = ["arn:aws:s3:::%s/*"]
    }]
  })
}

resource "ovh_cloud_project_storage" "main" {
  service_name = "p"
  name         = "tf-state-main"
  region_name  = "GRA"
}
'''


def test_a_literal_name_of_a_declared_bucket_is_its_reference() -> None:
    # Before: bucket = "tf-state-main" (no dependency on google_storage_bucket.main).
    text = translate({"main.tf": _SRC % "tf-state-main"}, "gke").files["main.tf"]
    assert "bucket = google_storage_bucket.main.name" in text, text


def test_a_bucket_declared_elsewhere_keeps_its_name() -> None:
    text = translate({"main.tf": _SRC % "other-bucket"}, "gke").files["main.tf"]
    assert 'bucket = "other-bucket"' in text, text
