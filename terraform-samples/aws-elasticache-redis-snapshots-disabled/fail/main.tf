resource "aws_elasticache_cluster" "defaulted" { # expect: aws-elasticache-redis-snapshots-disabled
  cluster_id      = "defaulted"
  engine          = "redis"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

resource "aws_elasticache_cluster" "explicit" {
  cluster_id      = "explicit"
  engine          = "redis"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
  snapshot_retention_limit = 0 # expect: aws-elasticache-redis-snapshots-disabled
}
