resource "aws_networkfirewall_firewall" "egress" {
  name                = "egress"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/egress"
  vpc_id              = "vpc-0a1b2c3d4e5f60001"

  subnet_mapping {
    subnet_id = "subnet-0a1b2c3d4e5f60001"
  }
}

resource "aws_networkfirewall_logging_configuration" "egress" {
  firewall_arn = aws_networkfirewall_firewall.egress.arn

  logging_configuration {
    log_destination_config {
      log_type             = "ALERT"
      log_destination_type = "CloudWatchLogs"
      log_destination = {
        logGroup = "/network-firewall/egress/alerts"
      }
    }
  }
}
