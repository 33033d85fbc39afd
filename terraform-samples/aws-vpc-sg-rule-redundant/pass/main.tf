resource "aws_security_group" "partners" {
  name        = "partners"
  description = "Partner networks"

  # Overlapping sources, different ports: each rule allows something of its own.
  ingress {
    description = "HTTPS from the partner network"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["162.168.2.0/24"]
  }

  ingress {
    description = "SSH from the partner office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["162.168.2.0/25"]
  }

  # Different ICMP types.
  ingress {
    description = "Ping from the partner network"
    from_port   = 8
    to_port     = -1
    protocol    = "icmp"
    cidr_blocks = ["162.168.2.0/24"]
  }

  ingress {
    description = "Path MTU discovery"
    from_port   = 3
    to_port     = 4
    protocol    = "icmp"
    cidr_blocks = ["162.168.2.0/24"]
  }

  # Half of the sources of the first rule, plus the group itself.
  ingress {
    description = "HTTPS from the partner office and the group"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["162.168.2.0/25"]
    self        = true
  }
}

# The partner rule is inside a rule open to the internet: that rule is the one to
# remove, and the open-port check reports it.
resource "aws_security_group" "api" {
  name        = "api"
  description = "API servers"

  ingress {
    description = "API from the partner network"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["162.168.2.0/24"]
  }

  ingress {
    description = "API from anywhere"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_network_interface" "partners" {
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.partners.id, aws_security_group.api.id]
}
