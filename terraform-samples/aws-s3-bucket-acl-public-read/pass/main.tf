data "aws_canonical_user_id" "current" {}

# Provider v4+ style: a private canned ACL, and an explicit grant to the owner only.
resource "aws_s3_bucket_acl" "private" {
  bucket = "tfscan-sample-private"
  acl    = "private"
}

resource "aws_s3_bucket_acl" "owner_only" {
  bucket = "tfscan-sample-owner-only"

  access_control_policy {
    grant {
      grantee {
        type = "CanonicalUser"
        id   = data.aws_canonical_user_id.current.id
      }
      permission = "FULL_CONTROL"
    }

    # The log delivery group may write access logs; it is not the public.
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

# Provider v3 style: a private bucket with a grant to the owner.
resource "aws_s3_bucket" "archive" {
  bucket = "tfscan-sample-archive"

  grant {
    type        = "CanonicalUser"
    id          = data.aws_canonical_user_id.current.id
    permissions = ["FULL_CONTROL"]
  }

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}

resource "aws_s3_bucket_public_access_block" "archive" {
  bucket                  = aws_s3_bucket.archive.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
