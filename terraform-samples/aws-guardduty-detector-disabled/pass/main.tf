resource "aws_guardduty_detector" "main" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

# The provider default of enable is true.
resource "aws_guardduty_detector" "default" {
}
