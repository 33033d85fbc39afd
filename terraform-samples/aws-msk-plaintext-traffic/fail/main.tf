variable "client_encryption" {
  type    = string
  default = "TLS_PLAINTEXT"
}

resource "aws_msk_cluster" "mixed" {
  cluster_name           = "mixed"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  encryption_info {
    encryption_in_transit {
      client_broker = var.client_encryption # expect: aws-msk-plaintext-traffic
    }
  }
}

resource "aws_msk_cluster" "replication" {
  cluster_name           = "replication"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = false # expect: aws-msk-plaintext-traffic
    }
  }
}
