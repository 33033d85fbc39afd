# A bare plan (`terraform show -json` without the configuration beside it) still says
# what each unknown id refers to: the plan's `configuration` section lists each
# expression's references. tests/plan.rs judges this plan alone and with its source.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = aws_vpc.main.id
  cidr_block              = cidrsubnet("10.0.0.0/16", 8, count.index)
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.100.0/24"
}

# The route's gateway is known only after apply; the plan names the gateway resource.
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

# The plan shows `aws_subnet.public` and `count.index`, not which instance each
# association names: AWS gives a subnet one association, so two associations cover both
# public subnets.
resource "aws_route_table_association" "public" {
  count          = 2
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "ssh" {
  description = "SSH from anywhere"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "quiet" {
  description = "no ingress"
  vpc_id      = aws_vpc.main.id
}

# Reachable on SSH: a public subnet, and a group list that holds the SSH group.
resource "aws_instance" "web" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public[1].id
  vpc_security_group_ids = [aws_security_group.quiet.id, aws_security_group.ssh.id]

  metadata_options {
    http_tokens = "required"
  }
}

# Not reachable: the private subnet uses the VPC's main table, which no association of
# the public subnets can change.
resource "aws_instance" "backend" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.ssh.id]

  metadata_options {
    http_tokens = "required"
  }
}

variable "extra_groups" {
  type    = list(string)
  default = []
}

# A list that a variable also feeds: the references do not say which groups it holds.
resource "aws_instance" "mixed" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public[0].id
  vpc_security_group_ids = concat([aws_security_group.quiet.id], var.extra_groups)

  metadata_options {
    http_tokens = "required"
  }
}
