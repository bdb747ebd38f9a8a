locals {
  prefix          = "bench-${var.environment}"
  common_labels   = merge({ environment = var.environment, managed_by = "terraform" }, var.extra_labels)
  update_policies = { prod = "MINIMAL_DOWNTIME", staging = "ALWAYS_UPDATE" }
  short_regions = { for r in [
    "europe-west1",
    "europe-west1",
    "europe-west3",
    "europe-west3",
    "europe-west2",
    "europe-central2",
    "northamerica-northeast1",
  ] : r => upper(replace(r, "/[0-9]+$/", "")) }
  pool_taints = {
    memory = [{ key = "workload", value = "memory", effect = "PreferNoSchedule" }]
  }
  stacks = ["s000", "s001", "s002", "s003"]
  db_allowed = { for idx, s in local.stacks : s => concat(var.db_allowed_networks, [
    {
      cidr        = "10.${idx % 250}.0.0/16"
      description = "${s} private network"
    },
  ]) }
  pool_sizes = { for k, p in var.node_pools : k => p.max - p.min }
  big_pools  = [for k, p in var.node_pools : k if lookup(local.pool_sizes, k, 0) > 2]
}
