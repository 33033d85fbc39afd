resource "aws_route" "default_to_peer" {
  route_table_id            = "rtb-0123456789abcdef0"
  destination_cidr_block    = "0.0.0.0/0" # expect: aws-vpc-peering-route-all-traffic
  vpc_peering_connection_id = "pcx-0123456789abcdef0"
}

resource "aws_route_table" "private" {
  vpc_id = "vpc-0123456789abcdef0"

  route {
    ipv6_cidr_block           = "::/0" # expect: aws-vpc-peering-route-all-traffic
    vpc_peering_connection_id = "pcx-0123456789abcdef0"
  }
}
