# ElastiCache, an OpenSearch domain in a VPC, a Lambda function in a VPC and an EKS
# cluster with a private endpoint, all in a public subnet with security groups open to
# the internet: AWS gives their interfaces no public address, so the internet gateway
# has nothing to route to and none of them is reachable.
resource "aws_vpc" "p" {
  cidr_block = "10.8.0.0/16"
}

resource "aws_internet_gateway" "p" {
  vpc_id = aws_vpc.p.id
}

resource "aws_subnet" "p_public" {
  vpc_id                  = aws_vpc.p.id
  cidr_block              = "10.8.0.0/24"
  map_public_ip_on_launch = true # expect: aws-vpc-subnet-auto-assigns-public-ip
}

resource "aws_route_table" "p_public" {
  vpc_id = aws_vpc.p.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.p.id
  }
}

resource "aws_route_table_association" "p_public" {
  subnet_id      = aws_subnet.p_public.id
  route_table_id = aws_route_table.p_public.id
}

resource "aws_security_group" "p_open" {
  name        = "p-open"
  description = "Everything from everywhere"
  vpc_id      = aws_vpc.p.id

  ingress {
    description = "all"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-all-ports-open-to-internet
  }
}

resource "aws_elasticache_subnet_group" "p" {
  name       = "p"
  subnet_ids = [aws_subnet.p_public.id]
}

resource "aws_elasticache_replication_group" "p" {
  replication_group_id       = "p"
  description                = "p"
  node_type                  = "cache.t3.micro"
  subnet_group_name          = aws_elasticache_subnet_group.p.name
  security_group_ids         = [aws_security_group.p_open.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = var.cache_token
  snapshot_retention_limit   = 7
}

variable "cache_token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_cluster" "p_memcached" {
  cluster_id         = "p-memcached"
  engine             = "memcached"
  node_type          = "cache.t3.micro"
  num_cache_nodes    = 1
  subnet_group_name  = aws_elasticache_subnet_group.p.name
  security_group_ids = [aws_security_group.p_open.id]
}

resource "aws_opensearch_domain" "p" {
  domain_name = "p"

  vpc_options {
    subnet_ids         = [aws_subnet.p_public.id]
    security_group_ids = [aws_security_group.p_open.id]
  }
}

resource "aws_lambda_function" "p" {
  function_name = "p"
  role          = "arn:aws:iam::123456789012:role/lambda"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "p.zip"

  vpc_config {
    subnet_ids         = [aws_subnet.p_public.id]
    security_group_ids = [aws_security_group.p_open.id]
  }
}

resource "aws_eks_cluster" "p" {
  name     = "p"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids              = [aws_subnet.p_public.id]
    security_group_ids      = [aws_security_group.p_open.id]
    endpoint_public_access  = false
    endpoint_private_access = true
  }
}

# Public endpoint, but only from one office address: not open to the internet.
resource "aws_eks_cluster" "p_office" {
  name     = "p-office"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config { # expect: aws-eks-cluster-public-endpoint
    subnet_ids          = [aws_subnet.p_public.id]
    public_access_cidrs = ["203.0.113.10/32"]
  }
}

# An Auto Scaling group whose launch configuration asks for no public address, in the
# public subnet: its instances have private addresses only.
resource "aws_launch_configuration" "p" {
  name_prefix                 = "p-"
  image_id                    = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  security_groups             = [aws_security_group.p_open.id]
  associate_public_ip_address = false
}

resource "aws_autoscaling_group" "p" {
  min_size             = 1
  max_size             = 2
  vpc_zone_identifier  = [aws_subnet.p_public.id]
  launch_configuration = aws_launch_configuration.p.name
}

# Whether the endpoint is public is known only after apply, but it would admit one
# office address only: never the internet.
variable "eks_public" {
  type = bool
}

resource "aws_eks_cluster" "p_maybe_public" {
  name     = "p-maybe-public"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = [aws_subnet.p_public.id]
    endpoint_public_access = var.eks_public
    public_access_cidrs    = ["203.0.113.10/32"]
  }
}
# also-expect: aws-vpc-subnet-auto-assigns-public-ip, aws-vpc-sg-all-ports-open-to-internet, aws-eks-cluster-public-endpoint
