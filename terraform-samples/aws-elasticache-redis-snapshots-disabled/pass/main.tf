resource "aws_elasticache_cluster" "cache" {
  cluster_id      = "cache"
  engine          = "redis"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
  snapshot_retention_limit = 7
}

# Memcached has no snapshots.
resource "aws_elasticache_cluster" "memcached_pages" {
  cluster_id      = "memcached-pages"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}
