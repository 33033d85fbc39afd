resource "aws_security_group" "master" {
  name        = "emr-master"
  description = "EMR master"

  ingress {
    description = "YARN resource manager UI"
    from_port   = 8088
    to_port     = 8088
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-port-open-to-internet
  }
}

resource "aws_security_group" "core" {
  name        = "emr-core"
  description = "EMR core and task nodes"
}

resource "aws_emr_cluster" "analytics" {
  name          = "analytics"
  release_label = "emr-7.1.0"
  service_role  = "arn:aws:iam::123456789012:role/emr-service"

  ec2_attributes {
    subnet_id                         = "subnet-0123456789abcdef0"
    instance_profile                  = "arn:aws:iam::123456789012:instance-profile/emr"
    emr_managed_master_security_group = aws_security_group.master.id # expect: aws-emr-cluster-sg-open-to-internet
    emr_managed_slave_security_group  = aws_security_group.core.id
  }

  master_instance_group {
    instance_type = "m5.xlarge"
  }
}

resource "aws_emr_block_public_access_configuration" "this" {
  block_public_security_group_rules = false # expect: aws-emr-cluster-sg-open-to-internet
}
# also-expect: aws-vpc-sg-port-open-to-internet
