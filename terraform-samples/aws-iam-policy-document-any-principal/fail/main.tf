data "aws_iam_policy_document" "shared" {
  statement {
    sid       = "Public"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]  # expect: aws-iam-policy-document-any-principal
    }
  }
}

output "shared_policy" {
  value = data.aws_iam_policy_document.shared.json
}
