resource "aws_guardduty_detector" "admin" {
  enable = true
}

resource "aws_guardduty_organization_configuration" "all" {
  detector_id                      = aws_guardduty_detector.admin.id
  auto_enable_organization_members = "ALL"
}
