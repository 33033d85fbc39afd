# The load balancer's group is the web tier: HTTP from anywhere is its job.
resource "aws_security_group" "lb" {
  name        = "lb"
  description = "Public load balancer"

  ingress {
    description = "HTTP, redirected to HTTPS"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "web" { # expect: aws-elb-load-balancer-internet-facing
  name            = "web"
  subnets         = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  security_groups = [aws_security_group.lb.id]
}

# HTTP only from a private range.
resource "aws_security_group" "internal" {
  name        = "internal"
  description = "Internal web servers"

  ingress {
    description = "HTTP from the VPC"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_instance" "internal" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.internal.id]
}

# The low ports including HTTP, on a group no load balancer uses: the admin-port check
# reports this rule (SSH, Telnet, FTP, …); this check does not repeat it.
resource "aws_security_group" "low_ports" {
  name        = "low-ports"
  description = "Low ports"

  ingress {
    description = "0-1024"
    from_port   = 0
    to_port     = 1024
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}
# also-expect: aws-elb-load-balancer-internet-facing, aws-vpc-sg-admin-port-open-to-internet
