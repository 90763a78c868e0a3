# The instance may: be managed by SSM (Session Manager, port forwarding), send CloudWatch agent
# metrics and logs, read its own secrets under the SSM prefix, and use its own bucket. Nothing else.
data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "stack" {
  name               = "${var.name}-instance"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.stack.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy_attachment" "cloudwatch_agent" {
  role       = aws_iam_role.stack.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}

data "aws_iam_policy_document" "stack" {
  statement {
    # SecureStrings under the AWS-managed aws/ssm key: its key policy lets SSM decrypt for callers of
    # this account, so no kms:Decrypt grant is needed.
    sid       = "ReadOwnSecrets"
    actions   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:parameter${var.ssm_parameter_prefix}/*"]
  }
  statement {
    sid       = "ListOwnBucket"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.stack.arn]
  }
  statement {
    sid       = "UseOwnBucket"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.stack.arn}/*"]
  }
}

resource "aws_iam_role_policy" "stack" {
  name   = "${var.name}-own-secrets-and-bucket"
  role   = aws_iam_role.stack.id
  policy = data.aws_iam_policy_document.stack.json
}

resource "aws_iam_instance_profile" "stack" {
  name = "${var.name}-instance"
  role = aws_iam_role.stack.name
}
