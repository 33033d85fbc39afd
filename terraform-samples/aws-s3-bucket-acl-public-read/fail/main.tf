locals {
  partner_acl = "authenticated-read"
}

data "aws_canonical_user_id" "current" {}

# Provider v4+ style: the canned ACL on its own resource, set through a local.
resource "aws_s3_bucket_acl" "partner_feed" {
  bucket = "tfscan-sample-partner-feed"
  acl    = local.partner_acl # expect: aws-s3-bucket-acl-public-read
}

# Provider v4+ style: an explicit grant to everyone.
resource "aws_s3_bucket_acl" "downloads" {
  bucket = "tfscan-sample-downloads"

  access_control_policy {
    grant {
      grantee {
        type = "CanonicalUser"
        id   = data.aws_canonical_user_id.current.id
      }
      permission = "FULL_CONTROL"
    }

    grant { # expect: aws-s3-bucket-acl-public-read
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

# Provider v3 style: the canned ACL on the bucket.
resource "aws_s3_bucket" "website" {
  bucket = "tfscan-sample-website"
  acl    = "public-read" # expect: aws-s3-bucket-acl-public-read
}

# Provider v3 style: a grant block.
resource "aws_s3_bucket" "reports" {
  bucket = "tfscan-sample-reports"

  grant { # expect: aws-s3-bucket-acl-public-read
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
    permissions = ["READ_ACP", "READ"]
  }
}
