"""GKE: Harbor objects of an OVH registry become Artifact Registry IAM, keys, cleanup policies."""

from __future__ import annotations

import re

from iac_translate.compiler.api import translate

_REGISTRY = '''
resource "ovh_cloud_project_containerregistry" "reg" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "reg"
  region       = "GRA"
}
provider "harbor" {
  url      = ovh_cloud_project_containerregistry.reg.url
  username = "admin"
  password = var.harbor_password
}
variable "harbor_password" {
  type      = string
  sensitive = true
}
resource "harbor_project" "p" {
  name = "builds"
}
'''


def _robot(name: str, *actions: str) -> str:
    access = "".join(f'''
    access {{
      action   = "{a}"
      resource = "repository"
    }}''' for a in actions)
    return f'''
resource "harbor_robot_account" "{name}" {{
  name  = "{name}"
  level = "project"
  permissions {{
    kind      = "project"
    namespace = harbor_project.p.name{access}
  }}
}}
output "{name}_user" {{
  value     = harbor_robot_account.{name}.full_name
  sensitive = true
}}
output "{name}_token" {{
  value     = harbor_robot_account.{name}.secret
  sensitive = true
}}
'''


def _run(extra: str, registry: str = _REGISTRY) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": registry + extra}, "gke")
    return r.files["main.tf"], [(d.code, d.message) for d in r.diagnostics]


def _codes(diags: list[tuple[str, str]], code: str) -> list[str]:
    # (the Google APIs the project must enable: one IT308 of every GKE translation)
    return [m for c, m in diags if c == code and "APIs enabled" not in m]


def test_push_and_pull_robots_become_service_accounts_with_keys() -> None:
    text, diags = _run(_robot("pusher", "push", "pull") + _robot("puller", "pull"))
    assert not _codes(diags, "IT305")[1:]  # only the harbor provider's own
    assert not _codes(diags, "IT328") and not _codes(diags, "IT338")
    member = re.findall(r'iam_member" "(\w+)" \{[^}]*role\s+= "([^"]+)"', text)
    assert ("pusher", "roles/artifactregistry.writer") in member
    assert ("puller", "roles/artifactregistry.reader") in member
    assert 'resource "google_service_account_key" "pusher"' in text
    assert re.search(r'output "pusher_user" \{\s*value\s+= "_json_key"', text)
    assert re.search(r'output "puller_token" \{\s*value\s+= base64decode\('
                     r'google_service_account_key\.puller\.private_key\)', text)
    assert any("_json_key" in m for m in _codes(diags, "IT301"))


def test_robot_account_id_follows_the_service_account_rules() -> None:
    text, _ = _run(_robot("a-very-long-robot-name-for-the-ci-pipeline", "push"))
    ids = re.findall(r'account_id\s+= "([^"]+)"', text)
    assert ids and all(re.fullmatch(r"[a-z]([-a-z0-9]*[a-z0-9])", i) and 6 <= len(i) <= 30
                       for i in ids)


def test_robot_with_another_action_stays_reported() -> None:
    _, diags = _run(_robot("deleter", "delete"))
    assert any("harbor_robot_account.deleter" in m for m in _codes(diags, "IT305"))


def test_project_is_a_path_prefix_and_gc_is_omitted() -> None:
    text, diags = _run('resource "harbor_garbage_collection" "gc" {\n  schedule = "Daily"\n}\n')
    assert any("harbor_project.p" in m and "/builds/<image>" in m
               for m in _codes(diags, "IT301"))
    assert any("harbor_garbage_collection.gc" in m for m in _codes(diags, "IT310"))
    assert not [m for m in _codes(diags, "IT305") if "harbor_project" in m or "garbage" in m]
    assert "TODO" not in text


def test_user_member_role_is_granted_to_its_service_account() -> None:
    text, diags = _run('''
resource "harbor_user" "bot" {
  username  = "cleaner"
  password  = var.harbor_password
  full_name = "cleaner"
  email     = "c@example.org"
}
resource "harbor_project_member_user" "m" {
  project_id = harbor_project.p.id
  user_name  = harbor_user.bot.username
  role       = "developer"
}
output "pw" {
  value     = harbor_user.bot.password
  sensitive = true
}
''')
    assert re.search(r'iam_member" "m" \{[^}]*roles/artifactregistry\.writer[^}]*'
                     r'google_service_account\.bot\.email', text)
    assert "base64decode(google_service_account_key.bot.private_key)" in text
    assert not _codes(diags, "IT328")


_RETENTION = '''
resource "harbor_retention_policy" "r" {
  scope    = harbor_project.p.id
  schedule = "Daily"
  rule {
    %s
    repo_matching = "**"
    tag_matching  = "**"
  }
}
'''


def test_push_based_retention_becomes_cleanup_policies() -> None:
    text, diags = _run(_RETENTION % "most_recently_pushed = 5")
    assert re.search(r'action\s+= "DELETE"\s+condition \{\s+tag_state\s+= "ANY"\s+'
                     r'package_name_prefixes = \["builds/"\]', text)
    assert re.search(r'most_recent_versions \{\s+keep_count\s+= 5', text)
    assert not _codes(diags, "IT308") and not _codes(diags, "IT338")


def test_pull_based_retention_is_left_to_a_human() -> None:
    text, diags = _run(_RETENTION % "n_days_since_last_pull = 30")
    assert "cleanup_policies {" not in text
    assert any("harbor_retention_policy.r" in m for m in _codes(diags, "IT308"))
    assert not _codes(diags, "IT338")


def test_without_a_registry_provider_harbor_objects_stay_reported() -> None:
    alone = _REGISTRY.replace("url      = ovh_cloud_project_containerregistry.reg.url",
                              'url      = "https://harbor.example.org"')
    _, diags = _run(_robot("pusher", "push") + _RETENTION % "most_recently_pushed = 5", alone)
    reported = " ".join(_codes(diags, "IT305"))
    assert "harbor_robot_account.pusher" in reported and "harbor_retention_policy.r" in reported


def test_disabled_robot_and_possible_admin_user_stay_reported() -> None:
    robot = _robot("off", "pull").replace('level = "project"',
                                          'level = "project"\n  disable = true')
    _, diags = _run(robot + '''
variable "is_admin" {
  type = bool
}
resource "harbor_user" "boss" {
  username  = "boss"
  password  = var.harbor_password
  full_name = "boss"
  email     = "b@example.org"
  admin     = var.is_admin
}
''')
    reported = " ".join(_codes(diags, "IT305"))
    assert "harbor_robot_account.off" in reported and "harbor_user.boss" in reported


def test_retention_with_a_computed_untagged_flag_is_left_to_a_human() -> None:
    text, diags = _run(_RETENTION % "most_recently_pushed = 5\n    untagged_artifacts = var.u" +
                       'variable "u" {\n  type = bool\n}\n')
    assert "cleanup_policies {" not in text
    assert any("untagged_artifacts" in m for m in _codes(diags, "IT308"))


def test_the_provider_of_a_translated_registry_is_removed_not_an_error() -> None:
    _, diags = _run(_robot("ci", "push", "pull"))
    assert any("provider harbor (the Harbor API of" in m for m in _codes(diags, "IT302"))
    assert not [m for m in _codes(diags, "IT305") if "provider harbor" in m]
