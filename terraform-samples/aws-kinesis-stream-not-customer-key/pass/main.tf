resource "aws_kms_key" "app" {
  description         = "Application data"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_kinesis_stream" "clicks" {
  name             = "clicks"
  retention_period = 48
  encryption_type  = "KMS"
  kms_key_id       = aws_kms_key.app.arn

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

resource "aws_kinesis_stream" "orders" {
  name             = "orders"
  retention_period = 48
  encryption_type  = "KMS"
  kms_key_id       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
