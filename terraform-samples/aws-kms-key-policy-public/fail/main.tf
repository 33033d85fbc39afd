resource "aws_kms_key_policy" "bad_jsonencode" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = jsonencode({  # expect: aws-kms-key-policy-public
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]
}
EOF
}

resource "aws_kms_key_policy" "bad_heredoc" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = local.bad_heredoc  # expect: aws-kms-key-policy-public
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "Public"
    actions = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key_policy" "bad_document" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-kms-key-policy-public
}
