# s3:GetObject on every bucket could name its buckets, but it is a data-exfiltration read:
# aws-iam-policy-data-exfiltration reports it, naming the statement, and this check does
# not report the same action again (one root cause, one finding).
resource "aws_iam_policy" "exfiltration" {
  name = "exfiltration"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Read", Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
