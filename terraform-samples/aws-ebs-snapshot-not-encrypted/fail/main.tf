resource "aws_ebs_volume" "plain" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_snapshot" "of_plain" {
  volume_id = aws_ebs_volume.plain.id # expect: aws-ebs-snapshot-not-encrypted
}

resource "aws_ebs_snapshot_copy" "of_plain_snapshot" {
  source_snapshot_id = aws_ebs_snapshot.of_plain.id
  source_region      = "eu-west-1"
  encrypted          = false # expect: aws-ebs-snapshot-not-encrypted
}

resource "aws_ebs_snapshot_copy" "left_to_default" { # expect: aws-ebs-snapshot-not-encrypted
  source_snapshot_id = aws_ebs_snapshot.of_plain.id
  source_region      = "eu-west-1"
}
