variable "guardduty_enabled" {
  type    = bool
  default = false
}

resource "aws_guardduty_detector" "suspended" {
  enable = false # expect: aws-guardduty-detector-disabled
}

resource "aws_guardduty_detector" "through_variable" {
  enable = var.guardduty_enabled # expect: aws-guardduty-detector-disabled
}
