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

# The pipeline watchdog (infra/watchdog, watchdog/README.md) writes one CloudWatch Embedded Metric
# Format line a minute to its stdout; the awslogs log driver sends it to this group, where CloudWatch
# turns it into metrics in namespace "heatwatch" with dimension Stack = metrics.stack of
# infra/watchdog/watchdog.properties (TerraformPolicyTest checks names and values against the
# watchdog's MetricNames and that file).
locals {
  watchdog_stack = "heatwatch"
}

resource "aws_cloudwatch_log_group" "watchdog" {
  name              = "/${var.name}/watchdog"
  retention_in_days = 30
}

# No canary came all the way through for 2 minutes; missing data (the watchdog or its log shipping
# is gone) counts as breaching, so a dead watchdog is an alarm too.
resource "aws_cloudwatch_metric_alarm" "canary_age" {
  alarm_name          = "${var.name}-canary-age"
  alarm_description   = "No canary reading came through broker, bridge, Kafka, job and Elasticsearch for 2 minutes, or the watchdog is silent"
  namespace           = "heatwatch"
  metric_name         = "CanaryAgeSeconds"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 120
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "breaching"
  dimensions = {
    Stack = local.watchdog_stack
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "stalled_stages" {
  alarm_name          = "${var.name}-pipeline-stalled"
  alarm_description   = "The watchdog names a stalled stage (PIPELINE_STALLED open: see its sensorId or the watchdog log)"
  namespace           = "heatwatch"
  metric_name         = "StalledStages"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    Stack = local.watchdog_stack
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

# The watchdog restarts a FAILED task at once and then with back-off: two minutes FAILED in a row
# means the restarts do not help.
resource "aws_cloudwatch_metric_alarm" "connect_task_failed" {
  alarm_name          = "${var.name}-connect-task-failed"
  alarm_description   = "The MQTT source connector or its task stayed FAILED for 2 minutes despite restarts"
  namespace           = "heatwatch"
  metric_name         = "ConnectTaskFailed"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    Stack = local.watchdog_stack
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

# The job restarts itself with exponential delay (up to 1 min): two minutes not RUNNING in a row
# means it is failing again and again, or the JobManager is gone.
resource "aws_cloudwatch_metric_alarm" "job_not_running" {
  alarm_name          = "${var.name}-job-not-running"
  alarm_description   = "The Flink job has not been RUNNING for 2 minutes"
  namespace           = "heatwatch"
  metric_name         = "JobNotRunning"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    Stack = local.watchdog_stack
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

# BrokerQueueFill is a percentage of broker.queue.max-bytes (half of Mosquitto's memory_limit).
resource "aws_cloudwatch_metric_alarm" "broker_queue_fill" {
  alarm_name          = "${var.name}-broker-queue-fill"
  alarm_description   = "Mosquitto's stored messages passed half of their bound: the bridge is away or behind; past memory_limit devices are refused and keep readings in their outboxes"
  namespace           = "heatwatch"
  metric_name         = "BrokerQueueFill"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 50
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    Stack = local.watchdog_stack
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}
