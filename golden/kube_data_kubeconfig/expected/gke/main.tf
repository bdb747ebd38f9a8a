variable "kube_id" {
  type = string
}

variable "project" {
  type = string
}

locals {
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  data_existing_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "existing"
    clusters = [
      {
        name = "existing"
        cluster = {
          server                       = "https://${data.google_container_cluster.existing.endpoint}"
          "certificate-authority-data" = data.google_container_cluster.existing.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "existing"
        context = { cluster = "existing", user = "existing" }
      },
    ]
    users = [
      {
        name = "existing"
        user = {
          exec = {
            apiVersion         = "client.authentication.k8s.io/v1beta1"
            command            = "gke-gcloud-auth-plugin"
            provideClusterInfo = true
          }
        }
      },
    ]
  })
}

data "google_container_cluster" "existing" {
  name = "TODO(IT308): name of the GKE cluster replacing the OVH cluster"
}

output "endpoint" {
  value = "https://${data.google_container_cluster.existing.endpoint}"
}

output "kubeconfig" {
  value     = local.data_existing_kubeconfig
  sensitive = true
}
