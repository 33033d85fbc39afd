resource "aws_iam_policy" "good_jsonencode" {
  name = "good-jsonencode"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Keys", Effect = "Allow", Action = ["sts:GetFederationToken"], Resource = "arn:aws:sts::123456789012:federated-user/app" }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Keys", "Effect": "Allow", "Action": ["sts:GetFederationToken"], "Resource": "arn:aws:sts::123456789012:federated-user/app"}]
}
EOF
}

resource "aws_iam_policy" "good_heredoc" {
  name   = "good-heredoc"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid       = "Keys"
    actions   = ["sts:GetFederationToken"]
    resources = ["arn:aws:sts::123456789012:federated-user/app"]
  }
}

resource "aws_iam_policy" "good_document" {
  name   = "good-document"
  policy = data.aws_iam_policy_document.good.json
}
