resource "ovh_cloud_project_network_private" "net_s000" {
  service_name = var.service_name
  name         = "${local.prefix}-stack000-net"
  vlan_id      = 100
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "subnet_s000" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net_s000.id
  region       = "GRA11"
  network      = "10.0.0.0/16"
  start        = cidrhost("10.0.0.0/16", 10)
  end          = cidrhost("10.0.0.0/16", 65000)
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_gateway" "gw_s000" {
  service_name = var.service_name
  name         = "${local.prefix}-stack000-gw"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.net_s000.regions_openstack_ids["GRA11"]
  subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s000.id
}

resource "ovh_cloud_project_kube" "kube_s000" {
  service_name       = var.service_name
  name               = "${local.prefix}-stack000-mks"
  region             = "GRA11"
  version            = var.kube_version
  update_policy      = lookup(local.update_policies, var.environment, "ALWAYS_UPDATE")
  private_network_id = tolist(ovh_cloud_project_network_private.net_s000.regions_attributes[*].openstackid)[0]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s000.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }

  customization_apiserver {
    admissionplugins {
      enabled  = ["NodeRestriction"]
      disabled = ["AlwaysPullImages"]
    }
  }

  timeouts {
    create = "30m"
    update = "45m"
  }

  depends_on = [ovh_cloud_project_gateway.gw_s000]
}

resource "ovh_cloud_project_kube_iprestrictions" "api_s000" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.kube_s000.id
  ips          = concat(var.admin_cidrs, ["10.0.0.0/16"])
}

resource "ovh_cloud_project_kube_nodepool" "general_s000" {
  service_name   = var.service_name
  kube_id        = ovh_cloud_project_kube.kube_s000.id
  name           = "general-0"
  flavor_name    = "b3-8"
  autoscale      = true
  min_nodes      = 1
  max_nodes      = 4
  desired_nodes  = 1
  monthly_billed = true
  anti_affinity  = true

  autoscaling_scale_down_unneeded_time_seconds = 300
  autoscaling_scale_down_utilization_threshold = 0.5

  timeouts {
    create = "1h"
    update = "1h"
  }
}

resource "ovh_cloud_project_kube_nodepool" "gpu_s000" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s000.id
  name          = "gpu-0"
  flavor_name   = "l4-90"
  autoscale     = true
  min_nodes     = 0
  max_nodes     = 2
  desired_nodes = 0

  template {
    metadata {
      labels = merge(local.common_labels, {
        "workload"               = "gpu"
        "nvidia.com/gpu.present" = "true"
        "stack"                  = "s000"
      })
      annotations = {
        "cluster-autoscaler.kubernetes.io/safe-to-evict" = "true"
      }
      finalizers = []
    }
    spec {
      unschedulable = false
      taints = [
        {
          key    = "nvidia.com/gpu"
          value  = "present"
          effect = "NoSchedule"
        }
      ]
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "pools_s000" {
  for_each = var.node_pools

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s000.id
  name          = "${each.key}-0"
  flavor_name   = each.value.flavor
  autoscale     = each.value.max > each.value.min
  min_nodes     = each.value.min
  max_nodes     = each.value.max
  desired_nodes = each.value.min

  template {
    metadata {
      labels      = merge(local.common_labels, { "pool" = each.key })
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = lookup(local.pool_taints, each.key, [])
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "batch_s000" {
  count = var.batch_pool_count

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s000.id
  name          = "batch-0-${count.index}"
  flavor_name   = "c3-16"
  desired_nodes = 1
  min_nodes     = 0
  max_nodes     = 3
  autoscale     = true

  autoscaling_scale_down_unready_time_seconds = 1200
}

resource "ovh_cloud_project_storage" "bucket_s000" {
  service_name = var.service_name
  region_name  = local.short_regions["GRA11"]
  name         = "${local.prefix}-s000-data"

  versioning = {
    status = "enabled"
  }

  encryption = {
    sse_algorithm = "AES256"
  }

  tags = merge(local.common_labels, { "stack" = "s000" })

  lifecycle {
    prevent_destroy = true
  }
}

resource "ovh_cloud_project_user" "s3_s000" {
  service_name = var.service_name
  description  = "s000 s3 user"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_credential" "s3_s000" {
  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_s000.id
}

resource "ovh_cloud_project_user_s3_policy" "s3_s000" {
  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_s000.id
  policy = jsonencode({
    Statement = [{
      Sid    = "Stack0Bucket"
      Effect = "Allow"
      Action = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
      Resource = [
        "arn:aws:s3:::${ovh_cloud_project_storage.bucket_s000.name}",
        "arn:aws:s3:::${ovh_cloud_project_storage.bucket_s000.name}/*",
      ]
    }]
  })
}

resource "ovh_cloud_project_database" "db_s000" {
  service_name        = var.service_name
  description         = "${local.prefix}-stack000-postgresql"
  engine              = "postgresql"
  version             = "16"
  plan                = "business"
  flavor              = "db1-15"
  disk_size           = 80
  backup_regions      = [local.short_regions["GRA11"]]
  backup_time         = "00:00:00"
  maintenance_time    = "02:30:00"
  deletion_protection = var.environment == "prod"

  nodes {
    region = local.short_regions["GRA11"]
  }

  nodes {
    region = local.short_regions["GRA11"]
  }

  dynamic "ip_restrictions" {
    for_each = local.db_allowed["s000"]
    content {
      ip          = ip_restrictions.value.cidr
      description = ip_restrictions.value.description
    }
  }

  advanced_configuration = {
    "pg.log_min_duration_statement" = "1000"
  }
}

resource "ovh_cloud_project_database_database" "app_s000" {
  service_name = var.service_name
  engine       = ovh_cloud_project_database.db_s000.engine
  cluster_id   = ovh_cloud_project_database.db_s000.id
  name         = "app0"
}

resource "ovh_cloud_project_database_postgresql_user" "app_s000" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.db_s000.id
  name         = "app0"
  roles        = ["replication"]
}

resource "ovh_cloud_project_containerregistry" "reg_s000" {
  service_name = var.service_name
  name         = "${local.prefix}-stack000-registry"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.registry.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.registry.id
}

resource "ovh_cloud_project_containerregistry_user" "ci_s000" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.reg_s000.id
  email        = "ci-0@example.org"
  login        = "ci0"
}

resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "ci_s000" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.reg_s000.id

  ip_restrictions = [
    for c in var.admin_cidrs : {
      ip_block    = c
      description = "admin s000"
    }
  ]
}

resource "ovh_cloud_project_network_private" "net_s001" {
  service_name = var.service_name
  name         = "${local.prefix}-stack001-net"
  vlan_id      = 101
  regions      = ["SBG5"]
}

resource "ovh_cloud_project_network_private_subnet" "subnet_s001" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net_s001.id
  region       = "SBG5"
  network      = "10.1.0.0/16"
  start        = cidrhost("10.1.0.0/16", 10)
  end          = cidrhost("10.1.0.0/16", 65000)
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_gateway" "gw_s001" {
  service_name = var.service_name
  name         = "${local.prefix}-stack001-gw"
  model        = "m"
  region       = "SBG5"
  network_id   = ovh_cloud_project_network_private.net_s001.regions_openstack_ids["SBG5"]
  subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s001.id
}

resource "ovh_cloud_project_kube" "kube_s001" {
  service_name       = var.service_name
  name               = "${local.prefix}-stack001-mks"
  region             = "SBG5"
  version            = var.kube_version
  update_policy      = lookup(local.update_policies, var.environment, "ALWAYS_UPDATE")
  private_network_id = tolist(ovh_cloud_project_network_private.net_s001.regions_attributes[*].openstackid)[0]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s001.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }

  customization_kube_proxy {
    iptables {
      min_sync_period = "PT1S"
      sync_period     = "PT31S"
    }
  }

  timeouts {
    create = "30m"
    update = "45m"
  }

  depends_on = [ovh_cloud_project_gateway.gw_s001]
}

resource "ovh_cloud_project_kube_iprestrictions" "api_s001" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.kube_s001.id
  ips          = concat(var.admin_cidrs, ["10.1.0.0/16"])
}

resource "ovh_cloud_project_kube_nodepool" "general_s001" {
  service_name   = var.service_name
  kube_id        = ovh_cloud_project_kube.kube_s001.id
  name           = "general-1"
  flavor_name    = "b3-16"
  autoscale      = true
  min_nodes      = 2
  max_nodes      = 5
  desired_nodes  = 2
  monthly_billed = false
  anti_affinity  = false

  autoscaling_scale_down_unneeded_time_seconds = 360
  autoscaling_scale_down_utilization_threshold = 0.6

  timeouts {
    create = "1h"
    update = "1h"
  }
}

resource "ovh_cloud_project_kube_nodepool" "gpu_s001" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s001.id
  name          = "gpu-1"
  flavor_name   = "l40s-90"
  autoscale     = true
  min_nodes     = 0
  max_nodes     = 3
  desired_nodes = 0

  template {
    metadata {
      labels = merge(local.common_labels, {
        "workload"               = "gpu"
        "nvidia.com/gpu.present" = "true"
        "stack"                  = "s001"
      })
      annotations = {
        "cluster-autoscaler.kubernetes.io/safe-to-evict" = "true"
      }
      finalizers = []
    }
    spec {
      unschedulable = false
      taints = [
        {
          key    = "nvidia.com/gpu"
          value  = "present"
          effect = "PreferNoSchedule"
        }
      ]
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "pools_s001" {
  for_each = var.node_pools

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s001.id
  name          = "${each.key}-1"
  flavor_name   = each.value.flavor
  autoscale     = each.value.max > each.value.min
  min_nodes     = each.value.min
  max_nodes     = each.value.max
  desired_nodes = each.value.min

  template {
    metadata {
      labels      = merge(local.common_labels, { "pool" = each.key })
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = lookup(local.pool_taints, each.key, [])
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "batch_s001" {
  count = var.batch_pool_count

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s001.id
  name          = "batch-1-${count.index}"
  flavor_name   = "r3-32"
  desired_nodes = 1
  min_nodes     = 0
  max_nodes     = 3
  autoscale     = true

  autoscaling_scale_down_unready_time_seconds = 1200
}

resource "ovh_cloud_project_storage" "bucket_s001" {
  service_name = var.service_name
  region_name  = local.short_regions["SBG5"]
  name         = "${local.prefix}-s001-data"

  versioning = {
    status = "disabled"
  }

  encryption = {
    sse_algorithm = "AES256"
  }

  tags = merge(local.common_labels, { "stack" = "s001" })

  lifecycle {
    prevent_destroy = false
  }
}

resource "ovh_cloud_project_user" "s3_s001" {
  count = 2

  service_name = var.service_name
  description  = "s001 s3 user ${count.index}"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_credential" "s3_s001" {
  count = 2

  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_s001[count.index].id
}

resource "ovh_cloud_project_user_s3_policy" "s3_s001" {
  count = 2

  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_s001[count.index].id
  policy = jsonencode({
    Statement = [{
      Sid    = "Stack1Bucket"
      Effect = "Allow"
      Action = ["s3:GetObject", "s3:ListBucket"]
      Resource = [
        "arn:aws:s3:::${ovh_cloud_project_storage.bucket_s001.name}",
        "arn:aws:s3:::${ovh_cloud_project_storage.bucket_s001.name}/*",
      ]
    }]
  })
}

resource "ovh_cloud_project_database" "db_s001" {
  service_name        = var.service_name
  description         = "${local.prefix}-stack001-mysql"
  engine              = "mysql"
  version             = "8"
  plan                = "essential"
  flavor              = "db1-4"
  disk_size           = 160
  backup_regions      = [local.short_regions["SBG5"]]
  backup_time         = "01:00:00"
  maintenance_time    = "03:30:00"
  deletion_protection = var.environment == "prod"

  nodes {
    region = local.short_regions["SBG5"]
  }

  ip_restrictions {
    ip          = "10.1.0.0/16"
    description = "s001 private network"
  }

  ip_restrictions {
    ip          = "203.0.113.1/32"
    description = "bastion"
  }

  advanced_configuration = {
    "mysql.sql_mode" = "ANSI,TRADITIONAL"
  }
}

resource "ovh_cloud_project_database_database" "app_s001" {
  service_name = var.service_name
  engine       = ovh_cloud_project_database.db_s001.engine
  cluster_id   = ovh_cloud_project_database.db_s001.id
  name         = "app1"
}

resource "ovh_cloud_project_database_user" "app_s001" {
  service_name = var.service_name
  engine       = "mysql"
  cluster_id   = ovh_cloud_project_database.db_s001.id
  name         = "app1"
}

resource "ovh_cloud_project_network_private" "net_s002" {
  service_name = var.service_name
  name         = "${local.prefix}-stack002-net"
  vlan_id      = 102
  regions      = ["DE1"]
}

resource "ovh_cloud_project_network_private_subnet" "subnet_s002" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net_s002.id
  region       = "DE1"
  network      = "10.2.0.0/16"
  start        = cidrhost("10.2.0.0/16", 10)
  end          = cidrhost("10.2.0.0/16", 65000)
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_gateway" "gw_s002" {
  service_name = var.service_name
  name         = "${local.prefix}-stack002-gw"
  model        = "l"
  region       = "DE1"
  network_id   = ovh_cloud_project_network_private.net_s002.regions_openstack_ids["DE1"]
  subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s002.id
}

resource "ovh_cloud_project_kube" "kube_s002" {
  service_name       = var.service_name
  name               = "${local.prefix}-stack002-mks"
  region             = "DE1"
  version            = var.kube_version
  update_policy      = lookup(local.update_policies, var.environment, "ALWAYS_UPDATE")
  private_network_id = tolist(ovh_cloud_project_network_private.net_s002.regions_attributes[*].openstackid)[0]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s002.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }

  customization_apiserver {
    admissionplugins {
      enabled  = ["NodeRestriction"]
      disabled = ["AlwaysPullImages"]
    }
  }

  timeouts {
    create = "30m"
    update = "45m"
  }

  depends_on = [ovh_cloud_project_gateway.gw_s002]
}

resource "ovh_cloud_project_kube_iprestrictions" "api_s002" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.kube_s002.id
  ips          = concat(var.admin_cidrs, ["10.2.0.0/16"])
}

resource "ovh_cloud_project_kube_nodepool" "general_s002" {
  service_name   = var.service_name
  kube_id        = ovh_cloud_project_kube.kube_s002.id
  name           = "general-2"
  flavor_name    = "b3-32"
  autoscale      = true
  min_nodes      = 3
  max_nodes      = 6
  desired_nodes  = 3
  monthly_billed = false
  anti_affinity  = false

  autoscaling_scale_down_unneeded_time_seconds = 420
  autoscaling_scale_down_utilization_threshold = 0.7

  timeouts {
    create = "1h"
    update = "1h"
  }
}

resource "ovh_cloud_project_kube_nodepool" "gpu_s002" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s002.id
  name          = "gpu-2"
  flavor_name   = "a100-180"
  autoscale     = true
  min_nodes     = 0
  max_nodes     = 4
  desired_nodes = 0

  template {
    metadata {
      labels = merge(local.common_labels, {
        "workload"               = "gpu"
        "nvidia.com/gpu.present" = "true"
        "stack"                  = "s002"
      })
      annotations = {
        "cluster-autoscaler.kubernetes.io/safe-to-evict" = "true"
      }
      finalizers = []
    }
    spec {
      unschedulable = false
      taints = [
        {
          key    = "nvidia.com/gpu"
          value  = "present"
          effect = "NoExecute"
        }
      ]
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "pools_s002" {
  for_each = var.node_pools

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s002.id
  name          = "${each.key}-2"
  flavor_name   = each.value.flavor
  autoscale     = each.value.max > each.value.min
  min_nodes     = each.value.min
  max_nodes     = each.value.max
  desired_nodes = each.value.min

  template {
    metadata {
      labels      = merge(local.common_labels, { "pool" = each.key })
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = lookup(local.pool_taints, each.key, [])
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "batch_s002" {
  count = var.batch_pool_count

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.kube_s002.id
  name          = "batch-2-${count.index}"
  flavor_name   = "b2-15"
  desired_nodes = 1
  min_nodes     = 0
  max_nodes     = 3
  autoscale     = true

  autoscaling_scale_down_unready_time_seconds = 1200
}

resource "ovh_cloud_project_storage" "bucket_s002" {
  service_name = var.service_name
  region_name  = local.short_regions["DE1"]
  name         = "${local.prefix}-s002-data"

  versioning = {
    status = "enabled"
  }

  encryption = {
    sse_algorithm = "AES256"
  }

  tags = merge(local.common_labels, { "stack" = "s002" })

  lifecycle {
    prevent_destroy = true
  }
}

resource "ovh_cloud_project_user" "s3_s002" {
  service_name = var.service_name
  description  = "s002 s3 user"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_credential" "s3_s002" {
  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_s002.id
}

resource "ovh_cloud_project_user_s3_policy" "s3_s002" {
  service_name = var.service_name
  user_id      = ovh_cloud_project_user.s3_s002.id
  policy = jsonencode({
    Statement = [{
      Sid    = "Stack2Bucket"
      Effect = "Allow"
      Action = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
      Resource = [
        "arn:aws:s3:::${ovh_cloud_project_storage.bucket_s002.name}",
        "arn:aws:s3:::${ovh_cloud_project_storage.bucket_s002.name}/*",
      ]
    }]
  })
}

resource "ovh_cloud_project_database" "db_s002" {
  service_name        = var.service_name
  description         = "${local.prefix}-stack002-postgresql"
  engine              = "postgresql"
  version             = "15"
  plan                = "essential"
  flavor              = "db1-7"
  disk_size           = 240
  backup_regions      = [local.short_regions["DE1"]]
  backup_time         = "02:00:00"
  maintenance_time    = "04:30:00"
  deletion_protection = var.environment == "prod"

  nodes {
    region = local.short_regions["DE1"]
  }

  dynamic "ip_restrictions" {
    for_each = local.db_allowed["s002"]
    content {
      ip          = ip_restrictions.value.cidr
      description = ip_restrictions.value.description
    }
  }

  advanced_configuration = {
    "pg.log_min_duration_statement" = "1000"
  }
}

resource "ovh_cloud_project_database_database" "app_s002" {
  service_name = var.service_name
  engine       = ovh_cloud_project_database.db_s002.engine
  cluster_id   = ovh_cloud_project_database.db_s002.id
  name         = "app2"
}
