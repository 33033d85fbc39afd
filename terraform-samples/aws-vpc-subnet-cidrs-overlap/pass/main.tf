resource "aws_vpc" "blue" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "green" {
  cidr_block = "10.0.0.0/16"
}

# The same block in two VPCs is fine.
resource "aws_subnet" "blue" {
  vpc_id     = aws_vpc.blue.id
  cidr_block = "10.0.0.0/24"
}

resource "aws_subnet" "green" {
  vpc_id     = aws_vpc.green.id
  cidr_block = "10.0.0.0/24"
}

# Adjacent blocks do not overlap.
resource "aws_subnet" "blue_next" {
  vpc_id     = aws_vpc.blue.id
  cidr_block = "10.0.1.0/24"
}
