# A small VPC with one public subnet, unless an existing VPC and subnet are given.
data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "main" {
  count                = var.vpc_id == "" ? 1 : 0
  cidr_block           = "10.42.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = var.name
  }
}

resource "aws_internet_gateway" "main" {
  count  = var.vpc_id == "" ? 1 : 0
  vpc_id = aws_vpc.main[0].id
}

resource "aws_subnet" "public" {
  count                   = var.vpc_id == "" ? 1 : 0
  vpc_id                  = aws_vpc.main[0].id
  cidr_block              = "10.42.1.0/24"
  availability_zone       = data.aws_availability_zones.available.names[0]
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-public"
  }
}

# The VPC's default security group allows nothing (CKV2_AWS_12); the instance uses its own.
resource "aws_default_security_group" "main" {
  count  = var.vpc_id == "" ? 1 : 0
  vpc_id = aws_vpc.main[0].id
}

resource "aws_route_table" "public" {
  count  = var.vpc_id == "" ? 1 : 0
  vpc_id = aws_vpc.main[0].id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main[0].id
  }
}

resource "aws_route_table_association" "public" {
  count          = var.vpc_id == "" ? 1 : 0
  subnet_id      = aws_subnet.public[0].id
  route_table_id = aws_route_table.public[0].id
}

# Only MQTT over TLS comes in. No SSH: shells and port forwards go through SSM Session Manager.
resource "aws_security_group" "broker" {
  name        = "${var.name}-broker"
  description = "heatwatch: MQTT over TLS from the device networks only"
  vpc_id      = local.vpc_id

  ingress {
    description = "MQTT over TLS from devices"
    from_port   = 8883
    to_port     = 8883
    protocol    = "tcp"
    cidr_blocks = var.device_cidrs
  }

  egress {
    description = "HTTPS out: SSM, CloudWatch, S3, package and image registries"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "HTTP out: Amazon Linux package mirrors"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

locals {
  vpc_id    = var.vpc_id == "" ? aws_vpc.main[0].id : var.vpc_id
  subnet_id = var.subnet_id == "" ? aws_subnet.public[0].id : var.subnet_id
}
