resource "aws_load_balancer_policy" "predefined" {
  load_balancer_name = "web"
  policy_name        = "tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
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
    name  = "Protocol-TLSv1.1"
    value = "false"
  }

  policy_attribute {
    name  = "ECDHE-RSA-AES128-GCM-SHA256"
    value = "true"
  }
}

# Other policy types are not about TLS.
resource "aws_load_balancer_policy" "proxy_protocol" {
  load_balancer_name = "web"
  policy_name        = "proxy-protocol"
  policy_type_name   = "ProxyProtocolPolicyType"

  policy_attribute {
    name  = "ProxyProtocol"
    value = "true"
  }
}
