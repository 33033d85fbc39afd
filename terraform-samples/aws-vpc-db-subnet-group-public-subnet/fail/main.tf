resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

# The web tier's subnets: their route table sends the internet to the gateway.
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_subnet" "web" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.${count.index}.0/24"
  availability_zone = count.index == 0 ? "eu-west-1a" : "eu-west-1b"
}

resource "aws_route_table_association" "web" {
  count          = 2
  subnet_id      = aws_subnet.web[count.index].id
  route_table_id = aws_route_table.public.id
}

# A subnet with no association uses the VPC's main table, which AWS creates with only
# the local route: private.
resource "aws_subnet" "data" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-west-1a"
}

# One public subnet is enough: RDS may place the instance in it.
resource "aws_db_subnet_group" "mixed" {
  name       = "mixed"
  subnet_ids = [aws_subnet.data.id, aws_subnet.web[0].id] # expect: aws-vpc-db-subnet-group-public-subnet
}

# Every subnet of the group is public (a splat of the web subnets).
resource "aws_redshift_subnet_group" "warehouse" {
  name       = "warehouse"
  subnet_ids = aws_subnet.web[*].id # expect: aws-vpc-db-subnet-group-public-subnet
}

# A route declared on its own (aws_route), in a table that is the VPC's main table.
resource "aws_vpc" "legacy" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_internet_gateway" "legacy" {
  vpc_id = aws_vpc.legacy.id
}

resource "aws_route" "legacy_internet" {
  route_table_id         = aws_vpc.legacy.main_route_table_id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.legacy.id
}

resource "aws_subnet" "legacy" {
  vpc_id     = aws_vpc.legacy.id
  cidr_block = "10.1.0.0/24"
}

resource "aws_dms_replication_subnet_group" "legacy" {
  replication_subnet_group_id          = "legacy"
  replication_subnet_group_description = "DMS in the legacy VPC"
  subnet_ids                           = [aws_subnet.legacy.id] # expect: aws-vpc-db-subnet-group-public-subnet
}
