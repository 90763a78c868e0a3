variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "eu-central-1"
  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "The region must look like eu-central-1."
  }
}

variable "name" {
  description = "Prefix of every resource name; lower case letters, digits and dashes."
  type        = string
  default     = "heatwatch"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name))
    error_message = "The name must be 2-21 lower case letters, digits or dashes, starting with a letter."
  }
}

variable "instance_type" {
  description = "EC2 instance type; the compose stack's memory limits add up to ~13 GB, so 16 GB or more."
  type        = string
  default     = "t3.xlarge"
  validation {
    condition     = contains(["t3.xlarge", "t3a.xlarge", "m6i.xlarge", "m7i.xlarge", "r6i.large", "m6i.2xlarge", "m7i.2xlarge"], var.instance_type)
    error_message = "Use a type with 16 GB memory or more: t3.xlarge, t3a.xlarge, m6i.xlarge, m7i.xlarge, r6i.large, m6i.2xlarge or m7i.2xlarge."
  }
}

variable "device_cidrs" {
  description = "CIDR blocks allowed to reach MQTT over TLS (8883): the sites' public addresses. 0.0.0.0/0 allows the world."
  type        = list(string)
  validation {
    condition     = length(var.device_cidrs) > 0 && alltrue([for c in var.device_cidrs : can(cidrnetmask(c))])
    error_message = "Give at least one IPv4 CIDR block, such as 203.0.113.0/24."
  }
}

variable "vpc_id" {
  description = "Existing VPC to use; empty creates a small VPC with one public subnet."
  type        = string
  default     = ""
  validation {
    condition     = var.vpc_id == "" || can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "The vpc_id must be empty or look like vpc-0123abcd."
  }
}

variable "subnet_id" {
  description = "Existing public subnet (in vpc_id) for the instance; required when vpc_id is set."
  type        = string
  default     = ""
  validation {
    condition     = var.subnet_id == "" || can(regex("^subnet-[0-9a-f]+$", var.subnet_id))
    error_message = "The subnet_id must be empty or look like subnet-0123abcd."
  }
}

variable "root_volume_gb" {
  description = "Size of the encrypted gp3 root volume in GB (OS, Docker images)."
  type        = number
  default     = 30
  validation {
    condition     = var.root_volume_gb >= 20 && var.root_volume_gb <= 200
    error_message = "The root volume must be 20-200 GB."
  }
}

variable "data_volume_gb" {
  description = "Size of the encrypted gp3 data volume in GB (Docker volumes: Kafka, Elasticsearch, checkpoints)."
  type        = number
  default     = 100
  validation {
    condition     = var.data_volume_gb >= 20 && var.data_volume_gb <= 16000
    error_message = "The data volume must be 20-16000 GB."
  }
}

variable "release_object" {
  description = "S3 key (in the stack's bucket) of the release tarball: the repository with the built plugin zip and job jar."
  type        = string
  default     = "releases/heatwatch-0.1.0.tar.gz"
  validation {
    condition     = can(regex("^releases/[A-Za-z0-9._-]+\\.tar\\.gz$", var.release_object))
    error_message = "The release_object must be releases/NAME.tar.gz."
  }
}

variable "ssm_parameter_prefix" {
  description = "SSM Parameter Store path holding the stack's secrets (SecureString), e.g. /heatwatch/elastic_password."
  type        = string
  default     = "/heatwatch"
  validation {
    condition     = can(regex("^/[A-Za-z0-9_./-]+[^/]$", var.ssm_parameter_prefix))
    error_message = "The prefix must start with / and not end with /."
  }
}

variable "alarm_email" {
  description = "E-mail address that receives the CloudWatch alarms; empty sends them nowhere but the console."
  type        = string
  default     = ""
  validation {
    condition     = var.alarm_email == "" || can(regex("^[^@ ]+@[^@ ]+\\.[^@ ]+$", var.alarm_email))
    error_message = "The alarm_email must be empty or an e-mail address."
  }
}
