resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "elsewhere" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.1.0.0/24" # expect: aws-vpc-subnet-outside-vpc-cidr
}

resource "aws_subnet" "too_big" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/15" # expect: aws-vpc-subnet-outside-vpc-cidr
}
