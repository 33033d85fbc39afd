variable "redis_auth_token" {
  type      = string
  sensitive = true
}

locals {
  encrypt_at_rest = false
}

resource "aws_elasticache_replication_group" "defaulted" { # expect: aws-elasticache-not-encrypted-at-rest
  replication_group_id       = "defaulted"
  description                = "Session store"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token
}

resource "aws_elasticache_replication_group" "from_local" {
  replication_group_id       = "from-local"
  description                = "Session store"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  at_rest_encryption_enabled = local.encrypt_at_rest # expect: aws-elasticache-not-encrypted-at-rest
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token
}
