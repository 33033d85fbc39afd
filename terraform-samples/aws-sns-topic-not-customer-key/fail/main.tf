variable "topic_key" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns"
}

resource "aws_sns_topic" "orders" {
  name              = "orders"
  kms_master_key_id = "alias/aws/sns" # expect: aws-sns-topic-not-customer-key
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = var.topic_key # expect: aws-sns-topic-not-customer-key
}
