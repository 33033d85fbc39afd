variable "tls" {
  type    = bool
  default = false
}

resource "aws_elasticache_replication_group" "defaulted" { # expect: aws-elasticache-not-encrypted-in-transit
  replication_group_id       = "defaulted"
  description                = "Session store"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  at_rest_encryption_enabled = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  user_group_ids             = ["app-users"]
}

resource "aws_elasticache_replication_group" "from_variable" {
  replication_group_id       = "from-variable"
  description                = "Session store"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  at_rest_encryption_enabled = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  transit_encryption_enabled = var.tls # expect: aws-elasticache-not-encrypted-in-transit
  user_group_ids             = ["app-users"]
}
