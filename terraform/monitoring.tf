resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic_subscription" "email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# The hardware or the hypervisor failed: EC2 recovers the instance onto other hardware.
resource "aws_cloudwatch_metric_alarm" "system_status" {
  alarm_name          = "${var.name}-system-status-check"
  alarm_description   = "EC2 system status check failed; the instance is being recovered"
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_System"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    InstanceId = aws_instance.stack.id
  }
  alarm_actions = ["arn:aws:automate:${var.region}:ec2:recover", aws_sns_topic.alarms.arn]
}

# The OS is not answering (kernel panic, out of memory, full root disk).
resource "aws_cloudwatch_metric_alarm" "instance_status" {
  alarm_name          = "${var.name}-instance-status-check"
  alarm_description   = "EC2 instance status check failed; reboot through SSM or the console"
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_Instance"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    InstanceId = aws_instance.stack.id
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
}

# Metrics below come from the CloudWatch agent that user_data installs (namespace CWAgent). An alarm
# matches only the exact dimension set the agent sends: InstanceId (+ path and fstype for disks).
resource "aws_cloudwatch_metric_alarm" "memory" {
  alarm_name          = "${var.name}-memory-high"
  alarm_description   = "Memory use above 90% for 10 minutes"
  namespace           = "CWAgent"
  metric_name         = "mem_used_percent"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = 90
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    InstanceId = aws_instance.stack.id
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "data_disk" {
  alarm_name          = "${var.name}-data-disk-high"
  alarm_description   = "Data volume (/data: Kafka, Elasticsearch, checkpoints) above 80%"
  namespace           = "CWAgent"
  metric_name         = "disk_used_percent"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    InstanceId = aws_instance.stack.id
    path       = "/data"
    fstype     = "xfs"
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "root_disk" {
  alarm_name          = "${var.name}-root-disk-high"
  alarm_description   = "Root volume above 85%"
  namespace           = "CWAgent"
  metric_name         = "disk_used_percent"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 85
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    InstanceId = aws_instance.stack.id
    path       = "/"
    fstype     = "xfs"
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
}
