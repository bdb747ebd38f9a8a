"""EKS: a data source of OVH's avnadmin reads the RDS master user; other read users are IT338."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_CLUSTER = '''
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "%s"
  version      = "%s"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
'''
# The generic type names its engine; the typed ones (postgresql_user) do not.
_READ = '''
data "ovh_cloud_project_database_%s" "%s" {
  %s
  service_name = "p"
  cluster_id   = %s
  name         = "%s"
}
'''
_SECRET = 'jsondecode(data.aws_secretsmanager_secret_version.db_master.secret_string)' \
    '["password"]'


def _read(typ: str = "user", label: str = "admin", name: str = "avnadmin",
          extra: str = 'engine = "postgresql"',
          cluster: str = "ovh_cloud_project_database.db.id") -> str:
    return _READ % (typ, label, extra, cluster, name)


def _outputs(address: str, *attrs: str) -> str:
    return "".join(f'output "o_{a}" {{\n  value = {address}.{a}\n}}\n' for a in attrs)


def _run(src: str) -> tuple[str, list[tuple[str, str, int]]]:
    r = translate({"main.tf": src}, "eks")
    return r.files.get("main.tf", ""), [
        (d.code, d.message, d.span.line if d.span else 0) for d in r.diagnostics]


def _codes(diags: list[tuple[str, str, int]], code: str) -> list[tuple[str, str, int]]:
    return [d for d in diags if d[0] == code]


def _line_of(src: str, text: str) -> int:
    return next(i for i, line in enumerate(src.splitlines(), 1) if text in line)


def test_a_read_avnadmin_is_the_master_user_of_postgresql_and_mysql() -> None:
    # Before: IT310 on the data source, IT206 + IT328 on every output reading it.
    for engine, version, typ, extra in (("postgresql", "16", "user", 'engine = "postgresql"'),
                                        ("postgresql", "16", "postgresql_user", ""),
                                        ("mysql", "8", "user", 'engine = "mysql"')):
        address = f"data.ovh_cloud_project_database_{typ}.admin"
        src = _CLUSTER % (engine, version) + _read(typ, extra=extra) + _outputs(
            address, "name", "password", "cluster_id")
        text, diags = _run(src)
        assert 'username            = "avnadmin"' in text, (typ, text)
        assert "manage_master_user_password = true" in text
        assert 'data "aws_secretsmanager_secret_version" "db_master"' in text
        assert "value = aws_db_instance.db.username" in text
        assert f"value = {_SECRET}" in text
        assert "value = aws_db_instance.db.id" in text
        assert "TODO" not in text and "data.ovh_" not in text, text
        assert not [d for d in diags if d[0] in ("IT310", "IT338", "IT328", "IT206")], diags
        said = _codes(diags, "IT301")
        assert [d for d in said if address in d[1] and "master user of aws_db_instance.db"
                in d[1] and d[2] == _line_of(src, 'name         = "avnadmin"')], said


def test_the_engine_of_a_read_avnadmin_is_the_cluster_engine() -> None:
    src = _CLUSTER % ("postgresql", "16") + _read() + _outputs(
        "data.ovh_cloud_project_database_user.admin", "engine")
    text, diags = _run(src)
    assert 'value = "postgresql"' in text
    assert not _codes(diags, "IT206")


def test_what_the_master_user_has_no_counterpart_for_is_named() -> None:
    address = "data.ovh_cloud_project_database_postgresql_user.admin"
    src = _CLUSTER % ("postgresql", "16") + _read("postgresql_user", extra="") + _outputs(
        address, "roles", "status", "created_at", "id")
    text, diags = _run(src)
    unresolved = " ".join(m for _, m, _ in _codes(diags, "IT206"))
    for attr in ("roles", "status", "created_at", "id"):
        assert f"`{address}.{attr}`" in unresolved, diags
        # (an output that is nothing else is null, its TODO comment says what it was: IT384)
        assert f"# TODO(IT206): {address}.{attr}: no value on the target" in text
    # the data block's IT301 lists them, as its type's schema has them
    said = next(m for c, m, _ in diags if c == "IT301" and address in m)
    assert "its id, created_at, roles, status have no RDS counterpart" in said
    generic = _CLUSTER % ("postgresql", "16") + _read()
    said = next(m for c, m, _ in _run(generic)[1] if c == "IT301" and "reads OVH's" in m)
    assert "its id, created_at, status have no" in said  # the generic type has no roles


def test_another_read_user_is_it338_at_the_data_block_and_its_references_placeholders() -> None:
    address = "data.ovh_cloud_project_database_postgresql_user.app"
    src = _CLUSTER % ("postgresql", "16") + _read("postgresql_user", "app", "app_rw", "") + \
        _outputs(address, "name", "roles")
    text, diags = _run(src)
    found = _codes(diags, "IT338")
    assert [d for d in found if address in d[1] and "RDS manages the master user only" in d[1]
            and d[2] == _line_of(src, 'data "ovh_cloud_project_database_postgresql_user"')], \
        found
    assert not _codes(diags, "IT310")
    assert 'username            = "dbadmin"' in text  # the instance keeps its own master
    assert "aws_secretsmanager_secret_version" not in text
    # every reference left is a reported placeholder (an output's null's comment), never an
    # address
    for line in text.splitlines():
        if "ovh_cloud_project_database_postgresql_user" in line:
            assert f"# TODO(IT206): {address}." in line, line
    assert len(_codes(diags, "IT206")) == 2


def test_a_declared_and_a_read_avnadmin_share_one_secret() -> None:
    declared = '''
resource "ovh_cloud_project_database_postgresql_user" "root" {
  service_name = "p"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "avnadmin"
}
'''
    src = _CLUSTER % ("postgresql", "16") + declared + _read() + _outputs(
        "data.ovh_cloud_project_database_user.admin", "password") + _outputs(
        "ovh_cloud_project_database_postgresql_user.root", "name")
    text, diags = _run(src)
    assert text.count('data "aws_secretsmanager_secret_version" "db_master"') == 1
    assert text.count("username ") == 1
    assert f"value = {_SECRET}" in text and "value = aws_db_instance.db.username" in text
    assert len([d for d in _codes(diags, "IT301") if "master user of" in d[1]]) == 2


def test_a_repeated_read_of_avnadmin_is_not_the_master_user() -> None:
    src = _CLUSTER % ("postgresql", "16") + _read(extra='engine = "postgresql"\n  count = 1')
    text, diags = _run(src)
    assert 'username            = "dbadmin"' in text
    assert "aws_secretsmanager_secret_version" not in text
    assert _codes(diags, "IT338")


def test_a_read_user_of_a_cluster_declared_elsewhere_is_omitted_as_a_lookup() -> None:
    # an id from a variable or a data source: no AWS cluster of this configuration to read
    # a user of (the OVH lookup is omitted, IT310; its references are IT206 placeholders)
    for src in ('variable "cluster" {\n  type = string\n}\n' + _read(cluster="var.cluster"),
                _CLUSTER.replace("resource", "data", 1) + _read(
                    cluster="data.ovh_cloud_project_database.db.id")):
        text, diags = _run(src + _outputs("data.ovh_cloud_project_database_user.admin", "name"))
        at = _line_of(src, 'data "ovh_cloud_project_database_user"')
        assert [d for d in _codes(diags, "IT310") if d[2] == at], diags
        assert not [d for d in _codes(diags, "IT338") if d[2] == at], diags
        assert "# TODO(IT206): data.ovh_cloud_project_database_user.admin.name: no value" in text


def test_a_read_valkey_user_of_an_elasticache_cluster_is_it338() -> None:
    src = _CLUSTER % ("valkey", "8.0") + _read("valkey_user", "cache", "app", "")
    _, diags = _run(src)
    said = [m for c, m, _ in diags if c == "IT338" and "valkey_user.cache" in m]
    assert said and "exists on OVH's ovh_cloud_project_database.db only" in said[0], diags


def test_other_lookups_are_still_omitted() -> None:
    src = _CLUSTER % ("postgresql", "16") + '''
data "ovh_cloud_project_database_capabilities" "caps" {
  service_name = "p"
}
'''
    _, diags = _run(src)
    assert [d for d in _codes(diags, "IT310") if "capabilities.caps" in d[1]], diags


def test_no_secret_data_source_when_nothing_reads_the_password() -> None:
    # A data source of the master secret copies the password into the Terraform state: it
    # is written only where the OVH side reads `password` (before: always).
    resource = '''
resource "ovh_cloud_project_database_postgresql_user" "admin" {
  service_name = "p"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "avnadmin"
}
'''
    for user, address in ((resource, "ovh_cloud_project_database_postgresql_user.admin"),
                          (_read(), "data.ovh_cloud_project_database_user.admin")):
        base = _CLUSTER % ("postgresql", "16") + user
        text, diags = _run(base + _outputs(address, "name"))
        assert 'username            = "avnadmin"' in text
        assert "aws_secretsmanager_secret_version" not in text, text
        said = next(m for c, m, _ in diags if c == "IT301" and "master user of" in m)
        assert "nothing here reads it" in said and "data.aws_secretsmanager" not in said
        text, diags = _run(base + _outputs(address, "password"))
        assert text.count('data "aws_secretsmanager_secret_version" "db_master"') == 1, text
        assert f"value = {_SECRET}" in text
        said = next(m for c, m, _ in diags if c == "IT301" and "master user of" in m)
        assert "read from data.aws_secretsmanager_secret_version.db_master" in said
