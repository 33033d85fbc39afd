variable "upload_acl" {
  type    = string
  default = "public-read-write"
}

data "aws_canonical_user_id" "current" {}

# Provider v4+ style: the canned ACL from a variable.
resource "aws_s3_bucket_acl" "dropbox" {
  bucket = "tfscan-sample-dropbox"
  acl    = var.upload_acl # expect: aws-s3-bucket-acl-public-write
}

# Provider v4+ style: every AWS account may rewrite the ACL.
resource "aws_s3_bucket_acl" "shared" {
  bucket = "tfscan-sample-shared"

  access_control_policy {
    grant { # expect: aws-s3-bucket-acl-public-write
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "WRITE_ACP"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

# Provider v3 style: the canned ACL on the bucket.
resource "aws_s3_bucket" "incoming" {
  bucket = "tfscan-sample-incoming"
  acl    = "public-read-write" # expect: aws-s3-bucket-acl-public-write
}

# Provider v3 style: a grant block giving everyone full control.
resource "aws_s3_bucket" "scratch" {
  bucket = "tfscan-sample-scratch"

  grant { # expect: aws-s3-bucket-acl-public-write
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ", "FULL_CONTROL"]
  }
}
