# Releases, Flink savepoints and Elasticsearch snapshots. Private, encrypted, versioned.
resource "aws_s3_bucket" "stack" {
  bucket_prefix = "${var.name}-"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "stack" {
  bucket                  = aws_s3_bucket.stack.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "stack" {
  bucket = aws_s3_bucket.stack.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "stack" {
  bucket = aws_s3_bucket.stack.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_ownership_controls" "stack" {
  bucket = aws_s3_bucket.stack.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "stack" {
  bucket = aws_s3_bucket.stack.id
  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
