"""AKS (hashicorp/azurerm 4.x): the cluster and the Azure services around it, from the specs."""
