variable "service_name" {
  type = string
}

variable "plan" {
  type    = string
  default = "business"
}

resource "ovh_cloud_project_database" "orders" {
  service_name = var.service_name
  description  = "orders"
  engine       = "postgresql"
  version      = "16"
  plan         = "business"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
  ip_restrictions {
    description = "office"
    ip          = "198.51.100.0/24"
  }
}

resource "ovh_cloud_project_database" "ledger" {
  service_name = var.service_name
  description  = "ledger"
  engine       = "postgresql"
  version      = "16"
  plan         = "enterprise"
  flavor       = "db2-2"
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
  ip_restrictions {
    description = "office"
    ip          = "198.51.100.0/24"
  }
}

resource "ovh_cloud_project_database" "reports" {
  service_name = var.service_name
  description  = "reports"
  engine       = "postgresql"
  version      = "16"
  plan         = var.plan
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
  ip_restrictions {
    description = "office"
    ip          = "198.51.100.0/24"
  }
}

resource "ovh_cloud_project_database" "scratch" {
  service_name = var.service_name
  description  = "scratch"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
  ip_restrictions {
    description = "office"
    ip          = "198.51.100.0/24"
  }
}
