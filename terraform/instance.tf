data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}

data "aws_caller_identity" "current" {}

resource "aws_instance" "stack" {
  ami                    = data.aws_ami.al2023.id
  instance_type          = var.instance_type
  subnet_id              = local.subnet_id
  vpc_security_group_ids = [aws_security_group.broker.id]
  iam_instance_profile   = aws_iam_instance_profile.stack.name
  monitoring             = true
  ebs_optimized          = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_gb
    encrypted             = true
    delete_on_termination = true
  }

  # No secret in here: the script reads them from SSM Parameter Store at boot.
  user_data = templatefile("${path.module}/user_data.sh.tftpl", {
    region         = var.region
    bucket         = aws_s3_bucket.stack.bucket
    release_object = var.release_object
    ssm_prefix     = var.ssm_parameter_prefix
    data_volume_id = aws_ebs_volume.data.id
    public_host    = aws_eip.stack.public_dns
    # the awslogs driver of the compose watchdog service writes here
    watchdog_log_group = aws_cloudwatch_log_group.watchdog.name
  })
  user_data_replace_on_change = false

  tags = {
    Name = var.name
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = data.aws_subnet.selected.availability_zone
  size              = var.data_volume_gb
  type              = "gp3"
  encrypted         = true
  tags = {
    Name = "${var.name}-data"
  }
}

data "aws_subnet" "selected" {
  id = local.subnet_id
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data.id
  instance_id = aws_instance.stack.id
}

# A fixed address, so device configs and the broker certificate survive a stop/start.
resource "aws_eip" "stack" {
  domain = "vpc"
  tags = {
    Name = var.name
  }
}

resource "aws_eip_association" "stack" {
  instance_id   = aws_instance.stack.id
  allocation_id = aws_eip.stack.id
}
