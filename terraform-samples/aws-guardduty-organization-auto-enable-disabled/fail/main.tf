resource "aws_guardduty_organization_configuration" "none" {
  detector_id                      = "12abc34d567e8fa901bc2d34e56789f0"
  auto_enable_organization_members = "NONE" # expect: aws-guardduty-organization-auto-enable-disabled
}
