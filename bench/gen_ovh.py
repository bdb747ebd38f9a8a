#!/usr/bin/env python3
"""Generate a large, realistic OVHcloud Terraform module for benchmarks.

Usage: python bench/gen_ovh.py N OUT_DIR

Writes about N `resource` blocks (exactly N when N >= 1) to OUT_DIR. They are spread over
`resources_NNN.tf` files of 50 resources each. OUT_DIR also gets `providers.tf`, `variables.tf`,
`locals.tf`, `modules.tf`, `outputs.tf` and a local module `modules/pool/`, which is called
several times. The output is deterministic: the same N always gives the same bytes. Only the
standard library is used. The script prints nothing but the number of resources written.

The generator cycles over "stacks". Each stack is a private network + subnet + gateway, an
MKS cluster with IP restrictions and node pools (plain, template + taints, for_each, count),
a bucket with an S3 user, credential and jsonencode policy, a managed database with nodes /
ip_restrictions blocks (static or dynamic), a database and user, and a registry with a user.
Resources are emitted in dependency order, so cutting a stack short still leaves valid
references.
"""

import os
import sys

RESOURCES_PER_FILE = 50

REGIONS = ["GRA11", "SBG5", "DE1", "UK1", "WAW1", "BHS5", "GRA9"]
FLAVORS = ["b3-8", "b3-16", "b3-32", "c3-16", "r3-32", "b2-15", "d2-8"]
GPU_FLAVORS = ["l4-90", "l40s-90", "a100-180", "t2-45"]
DB_ENGINES = [
    # engine, version, plan, flavor, nodes
    ("postgresql", "16", "business", "db1-15", 2),
    ("mysql", "8", "essential", "db1-4", 1),
    ("postgresql", "15", "essential", "db1-7", 1),
    ("valkey", "8.0", "business", "db2-4", 2),
    ("mongodb", "7.0", "production", "db2-15", 3),
    ("kafka", "3.8", "business", "db1-7", 3),
]
TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]


class Emitter:
    """Collects resource blocks, counting them, and stops at the limit."""

    def __init__(self, limit):
        self.limit = limit
        self.blocks = []  # list of (is_resource, text)
        self.count = 0
        self.outputs = []
        self.module_calls = []

    def full(self):
        return self.count >= self.limit

    def resource(self, text):
        if self.full():
            return False
        self.blocks.append(text.strip("\n") + "\n")
        self.count += 1
        return True


def q(s):
    return '"' + s + '"'


def stack(e, i):
    region = REGIONS[i % len(REGIONS)]
    flavor = FLAVORS[i % len(FLAVORS)]
    gpu = GPU_FLAVORS[i % len(GPU_FLAVORS)]
    s = "s%03d" % i
    name = "${local.prefix}-" + s.replace("s", "stack")
    vlan = 100 + i
    cidr_idx = i % 250
    cidr = "10.%d.0.0/16" % cidr_idx
    eng, ver, plan, dbflavor, nodes = DB_ENGINES[i % len(DB_ENGINES)]
    gw_model = "sml"[i % 3]

    # ---- network -------------------------------------------------------
    if not e.resource(f'''
resource "ovh_cloud_project_network_private" "net_{s}" {{
  service_name = var.service_name
  name         = "{name}-net"
  vlan_id      = {vlan}
  regions      = ["{region}"]
}}
'''):
        return
    if not e.resource(f'''
resource "ovh_cloud_project_network_private_subnet" "subnet_{s}" {{
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net_{s}.id
  region       = "{region}"
  network      = "{cidr}"
  start        = cidrhost("{cidr}", 10)
  end          = cidrhost("{cidr}", 65000)
  dhcp         = true
  no_gateway   = false
}}
'''):
        return
    if not e.resource(f'''
resource "ovh_cloud_project_gateway" "gw_{s}" {{
  service_name = var.service_name
  name         = "{name}-gw"
  model        = "{gw_model}"
  region       = "{region}"
  network_id   = ovh_cloud_project_network_private.net_{s}.regions_openstack_ids["{region}"]
  subnet_id    = ovh_cloud_project_network_private_subnet.subnet_{s}.id
}}
'''):
        return

    # ---- kubernetes ----------------------------------------------------
    plan_block = ""
    if i % 2 == 0:
        plan_block = '''
  customization_apiserver {
    admissionplugins {
      enabled  = ["NodeRestriction"]
      disabled = ["AlwaysPullImages"]
    }
  }
'''
    else:
        plan_block = f'''
  customization_kube_proxy {{
    iptables {{
      min_sync_period = "PT1S"
      sync_period     = "PT{30 + i % 30}S"
    }}
  }}
'''
    if not e.resource(f'''
resource "ovh_cloud_project_kube" "kube_{s}" {{
  service_name       = var.service_name
  name               = "{name}-mks"
  region             = "{region}"
  version            = var.kube_version
  update_policy      = lookup(local.update_policies, var.environment, "ALWAYS_UPDATE")
  private_network_id = tolist(ovh_cloud_project_network_private.net_{s}.regions_attributes[*].openstackid)[0]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.subnet_{s}.id

  private_network_configuration {{
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }}
{plan_block}
  timeouts {{
    create = "30m"
    update = "45m"
  }}

  depends_on = [ovh_cloud_project_gateway.gw_{s}]
}}
'''):
        return
    e.outputs.append(f'''
output "kubeconfig_{s}" {{
  value     = ovh_cloud_project_kube.kube_{s}.kubeconfig
  sensitive = true
}}
''')
    if not e.resource(f'''
resource "ovh_cloud_project_kube_iprestrictions" "api_{s}" {{
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.kube_{s}.id
  ips          = concat(var.admin_cidrs, ["{cidr}"])
}}
'''):
        return
    # plain autoscaled pool
    if not e.resource(f'''
resource "ovh_cloud_project_kube_nodepool" "general_{s}" {{
  service_name   = var.service_name
  kube_id        = ovh_cloud_project_kube.kube_{s}.id
  name           = "general-{i}"
  flavor_name    = "{flavor}"
  autoscale      = true
  min_nodes      = {1 + i % 3}
  max_nodes      = {4 + i % 5}
  desired_nodes  = {1 + i % 3}
  monthly_billed = {str(i % 4 == 0).lower()}
  anti_affinity  = {str(i % 5 == 0).lower()}

  autoscaling_scale_down_unneeded_time_seconds = {300 + 60 * (i % 10)}
  autoscaling_scale_down_utilization_threshold = 0.{5 + i % 4}

  timeouts {{
    create = "1h"
    update = "1h"
  }}
}}
'''):
        return
    # template + taints pool (GPU)
    if not e.resource(f'''
resource "ovh_cloud_project_kube_nodepool" "gpu_{s}" {{
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_{s}.id
  name          = "gpu-{i}"
  flavor_name   = "{gpu}"
  autoscale     = true
  min_nodes     = 0
  max_nodes     = {2 + i % 3}
  desired_nodes = 0

  template {{
    metadata {{
      labels = merge(local.common_labels, {{
        "workload"               = "gpu"
        "nvidia.com/gpu.present" = "true"
        "stack"                  = "{s}"
      }})
      annotations = {{
        "cluster-autoscaler.kubernetes.io/safe-to-evict" = "true"
      }}
      finalizers = []
    }}
    spec {{
      unschedulable = false
      taints = [
        {{
          key    = "nvidia.com/gpu"
          value  = "present"
          effect = "{TAINT_EFFECTS[i % 3]}"
        }}
      ]
    }}
  }}
}}
'''):
        return
    # for_each pools over a variable map
    if not e.resource(f'''
resource "ovh_cloud_project_kube_nodepool" "pools_{s}" {{
  for_each = var.node_pools

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_{s}.id
  name          = "${{each.key}}-{i}"
  flavor_name   = each.value.flavor
  autoscale     = each.value.max > each.value.min
  min_nodes     = each.value.min
  max_nodes     = each.value.max
  desired_nodes = each.value.min

  template {{
    metadata {{
      labels      = merge(local.common_labels, {{ "pool" = each.key }})
      annotations = {{}}
      finalizers  = []
    }}
    spec {{
      unschedulable = false
      taints        = lookup(local.pool_taints, each.key, [])
    }}
  }}
}}
'''):
        return
    e.outputs.append(f'''
output "nodepool_ids_{s}" {{
  value = concat(
    [ovh_cloud_project_kube_nodepool.general_{s}.id, ovh_cloud_project_kube_nodepool.gpu_{s}.id],
    values(ovh_cloud_project_kube_nodepool.pools_{s})[*].id,
  )
}}
''')
    # count pools
    if not e.resource(f'''
resource "ovh_cloud_project_kube_nodepool" "batch_{s}" {{
  count = var.batch_pool_count

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_{s}.id
  name          = "batch-{i}-${{count.index}}"
  flavor_name   = "{FLAVORS[(i + 3) % len(FLAVORS)]}"
  desired_nodes = 1
  min_nodes     = 0
  max_nodes     = 3
  autoscale     = true

  autoscaling_scale_down_unready_time_seconds = 1200
}}
'''):
        return
    if i % 3 == 0:
        e.module_calls.append(f'''
module "pool_{s}" {{
  source = "./modules/pool"

  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.kube_{s}.id
  name         = "mod-{i}"
  flavor_name  = "{FLAVORS[(i + 1) % len(FLAVORS)]}"
  min_nodes    = {1 + i % 2}
  max_nodes    = {3 + i % 4}
  labels       = merge(local.common_labels, {{ "module" = "pool" }})
}}
''')

    # ---- object storage ------------------------------------------------
    short = "local.short_regions[\"%s\"]" % region
    if not e.resource(f'''
resource "ovh_cloud_project_storage" "bucket_{s}" {{
  service_name = var.service_name
  region_name  = {short}
  name         = "${{local.prefix}}-{s}-data"

  versioning = {{
    status = "{"enabled" if i % 2 == 0 else "disabled"}"
  }}

  encryption = {{
    sse_algorithm = "AES256"
  }}

  tags = merge(local.common_labels, {{ "stack" = "{s}" }})

  lifecycle {{
    prevent_destroy = {str(i % 2 == 0).lower()}
  }}
}}
'''):
        return
    use_count = i % 2 == 1
    idx = "[count.index]" if use_count else ""
    count_line = "  count = 2\n\n" if use_count else ""
    desc = '"{s} s3 user ${{count.index}}"' if use_count else '"{s} s3 user"'
    desc = desc.format(s=s)
    if not e.resource(f'''
resource "ovh_cloud_project_user" "s3_{s}" {{
{count_line}  service_name = var.service_name
  description  = {desc}
  role_name    = "objectstore_operator"
}}
'''):
        return
    if not e.resource(f'''
resource "ovh_cloud_project_user_s3_credential" "s3_{s}" {{
{count_line}  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_{s}{idx}.id
}}
'''):
        return
    actions = '"s3:GetObject", "s3:ListBucket"' if use_count else \
        '"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"'
    if not e.resource(f'''
resource "ovh_cloud_project_user_s3_policy" "s3_{s}" {{
{count_line}  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_{s}{idx}.id
  policy = jsonencode({{
    Statement = [{{
      Sid    = "Stack{i}Bucket"
      Effect = "Allow"
      Action = [{actions}]
      Resource = [
        "arn:aws:s3:::${{ovh_cloud_project_storage.bucket_{s}.name}}",
        "arn:aws:s3:::${{ovh_cloud_project_storage.bucket_{s}.name}}/*",
      ]
    }}]
  }})
}}
'''):
        return
    sec = f"ovh_cloud_project_user_s3_credential.s3_{s}[*].secret_access_key" if use_count else \
        f"ovh_cloud_project_user_s3_credential.s3_{s}.secret_access_key"
    e.outputs.append(f'''
output "s3_secret_{s}" {{
  value     = {sec}
  sensitive = true
}}
''')

    # ---- database ------------------------------------------------------
    db_short = short
    nodes_txt = "".join(f'''
  nodes {{
    region = {db_short}
  }}
''' for _ in range(nodes))
    if i % 2 == 0:
        ipr = f'''
  dynamic "ip_restrictions" {{
    for_each = local.db_allowed[{q(s)}]
    content {{
      ip          = ip_restrictions.value.cidr
      description = ip_restrictions.value.description
    }}
  }}
'''
    else:
        ipr = f'''
  ip_restrictions {{
    ip          = "{cidr}"
    description = "{s} private network"
  }}

  ip_restrictions {{
    ip          = "203.0.113.{i % 250}/32"
    description = "bastion"
  }}
'''
    extra = ""
    if eng == "postgresql":
        extra = '''
  advanced_configuration = {
    "pg.log_min_duration_statement" = "1000"
  }
'''
    elif eng == "mysql":
        extra = '''
  advanced_configuration = {
    "mysql.sql_mode" = "ANSI,TRADITIONAL"
  }
'''
    elif eng == "kafka":
        extra = '''
  kafka_rest_api        = true
  kafka_schema_registry = false
'''
    if not e.resource(f'''
resource "ovh_cloud_project_database" "db_{s}" {{
  service_name        = var.service_name
  description         = "{name}-{eng}"
  engine              = "{eng}"
  version             = "{ver}"
  plan                = "{plan}"
  flavor              = "{dbflavor}"
  disk_size           = {80 * (1 + i % 4)}
  backup_regions      = [{db_short}]
  backup_time         = "0{i % 6}:00:00"
  maintenance_time    = "0{(i + 2) % 6}:30:00"
  deletion_protection = var.environment == "prod"
{nodes_txt}{ipr}{extra}}}
'''):
        return
    e.outputs.append(f'''
output "db_uri_{s}" {{
  value = ovh_cloud_project_database.db_{s}.endpoints[0].uri
}}
''')
    if eng in ("postgresql", "mysql"):
        if not e.resource(f'''
resource "ovh_cloud_project_database_database" "app_{s}" {{
  service_name = var.service_name
  engine       = ovh_cloud_project_database.db_{s}.engine
  cluster_id   = ovh_cloud_project_database.db_{s}.id
  name         = "app{i}"
}}
'''):
            return
    if eng == "postgresql":
        user = f'''
resource "ovh_cloud_project_database_postgresql_user" "app_{s}" {{
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.db_{s}.id
  name         = "app{i}"
  roles        = ["replication"]
}}
'''
    elif eng == "mongodb":
        user = f'''
resource "ovh_cloud_project_database_mongodb_user" "app_{s}" {{
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.db_{s}.id
  name         = "app{i}"
  roles        = ["readWrite@app{i}"]
}}
'''
    elif eng == "valkey":
        user = f'''
resource "ovh_cloud_project_database_valkey_user" "app_{s}" {{
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.db_{s}.id
  name         = "app{i}"
  categories   = ["+@read", "+@write"]
  keys         = ["app{i}:*"]
  channels     = ["*"]
  commands     = ["-flushall"]
}}
'''
    else:
        user = f'''
resource "ovh_cloud_project_database_user" "app_{s}" {{
  service_name = var.service_name
  engine       = "{eng}"
  cluster_id   = ovh_cloud_project_database.db_{s}.id
  name         = "app{i}"
}}
'''
    if not e.resource(user):
        return
    if eng == "kafka":
        if not e.resource(f'''
resource "ovh_cloud_project_database_kafka_topic" "events_{s}" {{
  service_name        = var.service_name
  cluster_id          = ovh_cloud_project_database.db_{s}.id
  name                = "events-{i}"
  partitions          = {3 + i % 6}
  replication         = 3
  min_insync_replicas = 2
  retention_hours     = 168
}}
'''):
            return
        if not e.resource(f'''
resource "ovh_cloud_project_database_kafka_acl" "events_{s}" {{
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.db_{s}.id
  topic        = ovh_cloud_project_database_kafka_topic.events_{s}.name
  username     = ovh_cloud_project_database_user.app_{s}.name
  permission   = "readwrite"
}}
'''):
            return

    # ---- registry ------------------------------------------------------
    if i % 2 == 0:
        if not e.resource(f'''
resource "ovh_cloud_project_containerregistry" "reg_{s}" {{
  service_name = var.service_name
  name         = "{name}-registry"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.registry.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.registry.id
}}
'''):
            return
        e.outputs.append(f'''
output "registry_url_{s}" {{
  value = ovh_cloud_project_containerregistry.reg_{s}.url
}}
''')
        if not e.resource(f'''
resource "ovh_cloud_project_containerregistry_user" "ci_{s}" {{
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.reg_{s}.id
  email        = "ci-{i}@example.org"
  login        = "ci{i}"
}}
'''):
            return
        if not e.resource(f'''
resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "ci_{s}" {{
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.reg_{s}.id

  ip_restrictions = [
    for c in var.admin_cidrs : {{
      ip_block    = c
      description = "admin {s}"
    }}
  ]
}}
'''):
            return


PROVIDERS = '''terraform {
  required_version = ">= 1.6"

  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }

  backend "s3" {
    bucket = "bench-terraform-state"
    key    = "bench/terraform.tfstate"
    region = "gra"

    endpoints = {
      s3 = "https://s3.gra.io.cloud.ovh.net"
    }

    skip_credentials_validation = true
    skip_region_validation      = true
    skip_requesting_account_id  = true
    skip_s3_checksum            = true
    use_path_style              = true
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

data "ovh_cloud_project_capabilities_containerregistry_filter" "registry" {
  service_name = var.service_name
  plan_name    = "SMALL"
  region       = "GRA"
}
'''

VARIABLES = '''variable "service_name" {
  description = "OVHcloud Public Cloud project ID"
  type        = string
}

variable "environment" {
  type    = string
  default = "prod"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "kube_version" {
  type    = string
  default = "1.31"
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["203.0.113.0/24", "198.51.100.0/24"]
}

variable "batch_pool_count" {
  type    = number
  default = 2
}

variable "node_pools" {
  type = map(object({
    flavor = string
    min    = number
    max    = number
  }))
  default = {
    web = {
      flavor = "b3-8"
      min    = 2
      max    = 6
    }
    worker = {
      flavor = "c3-16"
      min    = 1
      max    = 4
    }
    memory = {
      flavor = "r3-32"
      min    = 1
      max    = 2
    }
  }
}

variable "extra_labels" {
  type    = map(string)
  default = {}
}

variable "db_allowed_networks" {
  type = list(object({
    cidr        = string
    description = string
  }))
  default = [
    { cidr = "203.0.113.0/24", description = "office" },
    { cidr = "198.51.100.0/24", description = "vpn" },
  ]
}
'''


def locals_tf(n_stacks):
    stacks = ", ".join('"s%03d"' % i for i in range(n_stacks))
    return f'''locals {{
  prefix = "bench-${{var.environment}}"

  common_labels = merge(
    {{
      environment = var.environment
      managed_by  = "terraform"
    }},
    var.extra_labels,
  )

  update_policies = {{
    prod    = "MINIMAL_DOWNTIME"
    staging = "ALWAYS_UPDATE"
  }}

  short_regions = {{
    for r in ["GRA11", "GRA9", "SBG5", "DE1", "UK1", "WAW1", "BHS5"] :
    r => upper(replace(r, "/[0-9]+$/", ""))
  }}

  pool_taints = {{
    memory = [{{ key = "workload", value = "memory", effect = "PreferNoSchedule" }}]
  }}

  stacks = [{stacks}]

  db_allowed = {{
    for idx, s in local.stacks : s => concat(
      var.db_allowed_networks,
      [{{ cidr = "10.${{idx % 250}}.0.0/16", description = "${{s}} private network" }}],
    )
  }}

  pool_sizes = {{ for k, p in var.node_pools : k => p.max - p.min }}
  big_pools  = [for k, p in var.node_pools : k if lookup(local.pool_sizes, k, 0) > 2]
}}
'''


MODULE_MAIN = '''terraform {
  required_providers {
    ovh = {
      source = "ovh/ovh"
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "this" {
  service_name  = var.service_name
  kube_id       = var.kube_id
  name          = var.name
  flavor_name   = var.flavor_name
  autoscale     = var.max_nodes > var.min_nodes
  min_nodes     = var.min_nodes
  max_nodes     = var.max_nodes
  desired_nodes = var.min_nodes

  template {
    metadata {
      labels      = merge({ "pool" = var.name }, var.labels)
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = var.taints
    }
  }
}
'''

MODULE_VARIABLES = '''variable "service_name" {
  type = string
}

variable "kube_id" {
  type = string
}

variable "name" {
  type = string
}

variable "flavor_name" {
  type    = string
  default = "b3-8"
}

variable "min_nodes" {
  type    = number
  default = 1
}

variable "max_nodes" {
  type    = number
  default = 3
}

variable "labels" {
  type    = map(string)
  default = {}
}

variable "taints" {
  type    = list(map(string))
  default = []
}
'''

MODULE_OUTPUTS = '''output "id" {
  value = ovh_cloud_project_kube_nodepool.this.id
}

output "name" {
  value = ovh_cloud_project_kube_nodepool.this.name
}
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: gen_ovh.py N OUT_DIR\n")
        return 2
    n = int(argv[1])
    out = argv[2]
    if n < 0:
        sys.stderr.write("N must be >= 0\n")
        return 2

    e = Emitter(n)
    i = 0
    while not e.full():
        stack(e, i)
        i += 1
    n_stacks = max(i, 1)

    write(os.path.join(out, "providers.tf"), PROVIDERS)
    write(os.path.join(out, "variables.tf"), VARIABLES)
    write(os.path.join(out, "locals.tf"), locals_tf(n_stacks))
    for k in range(0, len(e.blocks), RESOURCES_PER_FILE):
        chunk = e.blocks[k:k + RESOURCES_PER_FILE]
        write(os.path.join(out, "resources_%03d.tf" % (k // RESOURCES_PER_FILE + 1)),
              "\n".join(chunk))
    write(os.path.join(out, "modules.tf"), "\n".join(m.strip("\n") + "\n" for m in e.module_calls))
    mod_outputs = [f'''output "module_pool_{m.split('"')[1][len("pool_"):]}_id" {{
  value = module.{m.split('"')[1]}.id
}}
''' for m in e.module_calls]
    write(os.path.join(out, "outputs.tf"),
          "\n".join(o.strip("\n") + "\n" for o in e.outputs + mod_outputs))
    write(os.path.join(out, "modules", "pool", "main.tf"), MODULE_MAIN)
    write(os.path.join(out, "modules", "pool", "variables.tf"), MODULE_VARIABLES)
    write(os.path.join(out, "modules", "pool", "outputs.tf"), MODULE_OUTPUTS)
    print(e.count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
