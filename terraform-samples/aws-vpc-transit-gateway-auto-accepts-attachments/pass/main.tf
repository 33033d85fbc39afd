resource "aws_ec2_transit_gateway" "default" {
  description = "the provider's default is disable"
}

resource "aws_ec2_transit_gateway" "explicit" {
  auto_accept_shared_attachments = "disable"
}
