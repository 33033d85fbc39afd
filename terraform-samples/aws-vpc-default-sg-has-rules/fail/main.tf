resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::flow-logs-bucket"
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  ingress { # expect: aws-vpc-default-sg-has-rules
    description = "All traffic between members"
    protocol    = "-1"
    self        = true
    from_port   = 0
    to_port     = 0
  }
}

# This VPC's default group is not adopted, so it keeps AWS's rules.
resource "aws_vpc" "other" { # expect: aws-vpc-default-sg-has-rules
  cidr_block = "10.1.0.0/16"
}

resource "aws_flow_log" "other" {
  vpc_id          = aws_vpc.other.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::flow-logs-bucket"
}
