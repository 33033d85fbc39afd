resource "aws_neptune_cluster_instance" "graph" {
  identifier         = "graph"
  cluster_identifier = "graph"
  instance_class     = "db.r6g.large"
  publicly_accessible = true # expect: aws-neptune-instance-publicly-accessible
}

variable "public" {
  type    = bool
  default = true
}

resource "aws_neptune_cluster_instance" "reader" {
  identifier          = "reader"
  cluster_identifier  = "graph"
  instance_class      = "db.r6g.large"
  publicly_accessible = var.public # expect: aws-neptune-instance-publicly-accessible
}
