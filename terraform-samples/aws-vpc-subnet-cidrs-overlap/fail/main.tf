resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "wide" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/23"
}

resource "aws_subnet" "inside" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24" # expect: aws-vpc-subnet-cidrs-overlap
}

resource "aws_subnet" "per_az" {
  for_each   = { a = "10.0.8.0/24", b = "10.0.8.0/24" }
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value # expect: aws-vpc-subnet-cidrs-overlap
}
