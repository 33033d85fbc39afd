resource "aws_sns_topic" "orders" {
  name              = "orders"
  kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# The AWS-managed key still encrypts; aws-sns-topic-not-customer-key reports it.
resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}
