terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    postgresql = {
      source  = "cyrilgdn/postgresql"
      version = "1.21.0"
    }
    datadog = {
      source = "DataDog/datadog"
    }
  }
  backend "s3" {
    bucket         = "platform-tfstate-prod"
    key            = "platform/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "platform-tflock"
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA3LKPMZ2XV4QRTW6N"
  secret_key = "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"
}

provider "postgresql" {
  host            = aws_db_instance.main.address
  port            = 5432
  username        = "tfadmin"
  password        = "Qh6!vT3kLz9m"
  sslmode         = "require"
  connect_timeout = 15
}

provider "datadog" {
  api_key = "2f8a4c7e1b9d3f6a0c5e8b2d7f1a4c9e"
  app_key = "7c1e4a9f2b8d5c3e6a0f9b1d4e7c2a8f5b3d6e9a"
}

provider "github" {
  owner = "platform-co"
  token = var.github_token
}
