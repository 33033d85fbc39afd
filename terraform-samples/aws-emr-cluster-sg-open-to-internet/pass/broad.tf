# A quarter of the address space is not the internet.
resource "aws_security_group" "quarter_master" {
  name        = "emr-quarter-master"
  description = "EMR master for one large range"

  ingress {
    description = "Livy"
    from_port   = 8998
    to_port     = 8998
    protocol    = "tcp"
    cidr_blocks = ["64.0.0.0/2"]
  }
}

resource "aws_security_group" "quarter_core" {
  name        = "emr-quarter-core"
  description = "EMR core and task nodes"
}

resource "aws_emr_cluster" "quarter" {
  name          = "quarter"
  release_label = "emr-7.1.0"
  service_role  = "arn:aws:iam::123456789012:role/emr-service"

  ec2_attributes {
    subnet_id                         = "subnet-0123456789abcdef0"
    instance_profile                  = "arn:aws:iam::123456789012:instance-profile/emr"
    emr_managed_master_security_group = aws_security_group.quarter_master.id
    emr_managed_slave_security_group  = aws_security_group.quarter_core.id
  }

  master_instance_group {
    instance_type = "m5.xlarge"
  }
}
