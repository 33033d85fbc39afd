# More than half of the IPv4 internet is the internet.
resource "aws_security_group" "broad_master" {
  name        = "emr-broad-master"
  description = "EMR master open to most of the internet"

  ingress {
    description = "Livy"
    from_port   = 8998
    to_port     = 8998
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/1"] # expect: aws-vpc-sg-port-open-to-internet
  }
}

resource "aws_emr_cluster" "broad" {
  name          = "broad"
  release_label = "emr-7.1.0"
  service_role  = "arn:aws:iam::123456789012:role/emr-service"

  ec2_attributes {
    subnet_id                         = "subnet-0123456789abcdef0"
    instance_profile                  = "arn:aws:iam::123456789012:instance-profile/emr"
    emr_managed_master_security_group = aws_security_group.broad_master.id # expect: aws-emr-cluster-sg-open-to-internet
    emr_managed_slave_security_group  = aws_security_group.core.id
  }

  master_instance_group {
    instance_type = "m5.xlarge"
  }
}
# also-expect: aws-vpc-sg-port-open-to-internet
