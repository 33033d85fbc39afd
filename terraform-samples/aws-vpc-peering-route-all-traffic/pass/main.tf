resource "aws_route" "to_peer" {
  route_table_id            = "rtb-0123456789abcdef0"
  destination_cidr_block    = "10.1.0.0/16"
  vpc_peering_connection_id = "pcx-0123456789abcdef0"
}

# A default route to a NAT gateway is not a peering route.
resource "aws_route_table" "private" {
  vpc_id = "vpc-0123456789abcdef0"

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = "nat-0123456789abcdef0"
  }

  route {
    cidr_block                = "10.2.0.0/16"
    vpc_peering_connection_id = "pcx-0123456789abcdef1"
  }
}
