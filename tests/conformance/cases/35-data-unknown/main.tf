# Data sources other than aws_iam_policy_document are unknown to tfscan (Terraform reads
# these two from the provider configuration without calling AWS, so it knows more).
data "aws_region" "current" {}
data "aws_partition" "current" {}
resource "aws_sqs_queue" "q" {
  name = "data-unknown"
  tags = {
    known     = "yes"
    region    = data.aws_region.current.name
    partition = data.aws_partition.current.partition
  }
}
