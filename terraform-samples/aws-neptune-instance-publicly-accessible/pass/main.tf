resource "aws_neptune_cluster_instance" "graph" {
  identifier         = "graph"
  cluster_identifier = "graph"
  instance_class     = "db.r6g.large"
}

resource "aws_neptune_cluster_instance" "reader" {
  identifier         = "reader"
  cluster_identifier = "graph"
  instance_class     = "db.r6g.large"
  publicly_accessible = false
}
