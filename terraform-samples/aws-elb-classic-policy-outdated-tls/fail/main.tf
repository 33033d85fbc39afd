variable "predefined_policy" {
  type    = string
  default = "ELBSecurityPolicy-2016-08"
}

resource "aws_load_balancer_policy" "custom" {
  load_balancer_name = "web"
  policy_name        = "custom"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "true" # expect: aws-elb-classic-policy-outdated-tls
  }

  policy_attribute {
    name  = "ECDHE-ECDSA-AES128-GCM-SHA256"
    value = "true"
  }
}

resource "aws_load_balancer_policy" "predefined" {
  load_balancer_name = "web"
  policy_name        = "predefined"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = var.predefined_policy # expect: aws-elb-classic-policy-outdated-tls
  }
}
