# cidr_block = null is "not set": the IPAM pool allocates the VPC's block at apply, so
# whether the subnet is inside it is undecided, not a finding against an empty block.
resource "aws_vpc_ipam" "ipam" {
  operating_regions {
    region_name = "us-east-1"
  }
}

resource "aws_vpc_ipam_pool" "ipam" {
  address_family = "ipv4"
  ipam_scope_id  = aws_vpc_ipam.ipam.private_default_scope_id
  locale         = "us-east-1"
}

resource "aws_vpc" "ipam" {
  ipv4_ipam_pool_id   = aws_vpc_ipam_pool.ipam.id
  ipv4_netmask_length = 20
  cidr_block          = null
}

resource "aws_subnet" "ipam" {
  vpc_id     = aws_vpc.ipam.id
  cidr_block = "10.1.2.0/24"
}
