data "aws_iam_policy_document" "shared" {
  statement {
    sid       = "Org"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

output "shared_policy" {
  value = data.aws_iam_policy_document.shared.json
}
