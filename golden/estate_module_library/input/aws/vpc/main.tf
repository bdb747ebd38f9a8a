terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "cidr" {
  type    = string
  default = "10.10.0.0/16"
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
}

output "id" {
  value = aws_vpc.this.id
}
