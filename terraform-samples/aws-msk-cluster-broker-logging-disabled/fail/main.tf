resource "aws_msk_cluster" "silent" { # expect: aws-msk-cluster-broker-logging-disabled
  cluster_name           = "silent"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]
    security_groups = ["sg-0a1b2c3d4e5f60001"]
  }
}

resource "aws_msk_cluster" "switched_off" {
  cluster_name           = "switched-off"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]
    security_groups = ["sg-0a1b2c3d4e5f60001"]
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled = false # expect: aws-msk-cluster-broker-logging-disabled
      }
    }
  }
}
