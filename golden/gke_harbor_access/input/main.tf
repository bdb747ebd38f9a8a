terraform {
  required_providers {
    ovh    = { source = "ovh/ovh", version = "~> 2.19" }
    harbor = { source = "goharbor/harbor", version = "~> 3.10" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  type = string
}

variable "janitor_password" {
  type      = string
  sensitive = true
}

resource "ovh_cloud_project_containerregistry" "images" {
  service_name = var.service_name
  name         = "shop-images"
  region       = "GRA"
}

resource "ovh_cloud_project_containerregistry_user" "root" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.images.id
  email        = "root@shop.example"
  login        = "shop-root"
}

provider "harbor" {
  url      = ovh_cloud_project_containerregistry.images.url
  username = ovh_cloud_project_containerregistry_user.root.login
  password = ovh_cloud_project_containerregistry_user.root.password
}

resource "harbor_project" "apps" {
  name = "apps"
}

resource "harbor_robot_account" "ci" {
  name  = "ci"
  level = "project"
  permissions {
    kind      = "project"
    namespace = harbor_project.apps.name
    access {
      action   = "push"
      resource = "repository"
    }
    access {
      action   = "pull"
      resource = "repository"
    }
  }
}

resource "harbor_robot_account" "nodes" {
  name  = "nodes"
  level = "project"
  permissions {
    kind      = "project"
    namespace = harbor_project.apps.name
    access {
      action   = "pull"
      resource = "repository"
    }
  }
}

resource "harbor_user" "janitor" {
  username  = "shop-janitor"
  password  = var.janitor_password
  full_name = "Image janitor"
  email     = "janitor@shop.example"
}

resource "harbor_project_member_user" "janitor" {
  project_id = harbor_project.apps.id
  user_name  = harbor_user.janitor.username
  role       = "maintainer"
}

resource "harbor_retention_policy" "apps" {
  scope    = harbor_project.apps.id
  schedule = "Daily"
  rule {
    most_recently_pushed = 10
    repo_matching        = "**"
    tag_matching         = "**"
    untagged_artifacts   = true
  }
  rule {
    n_days_since_last_push = 14
    repo_matching          = "**"
    tag_matching           = "**"
    untagged_artifacts     = false
  }
}

resource "harbor_garbage_collection" "weekly" {
  schedule        = "0 0 3 * * 0"
  delete_untagged = true
}

output "ci_login" {
  value     = harbor_robot_account.ci.full_name
  sensitive = true
}

output "ci_token" {
  value     = harbor_robot_account.ci.secret
  sensitive = true
}

output "nodes_login" {
  value     = harbor_robot_account.nodes.full_name
  sensitive = true
}

output "nodes_token" {
  value     = harbor_robot_account.nodes.secret
  sensitive = true
}

output "janitor_password" {
  value     = harbor_user.janitor.password
  sensitive = true
}
