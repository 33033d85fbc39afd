resource "aws_sns_topic" "orders" { # expect: aws-sns-topic-not-encrypted
  name = "orders"
}
