# A second root module: a configuration of its own, whose document has the same address
# as the one in the folder above and is used by a bucket policy here. That use says
# nothing about the other root's document, which is still reported there.
data "aws_iam_policy_document" "shared" {
  statement {
    sid       = "ReadOnlyForTheAccount"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::other-data/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = "other-data"
  policy = data.aws_iam_policy_document.shared.json
}
