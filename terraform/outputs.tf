output "mqtt_endpoint" {
  description = "What devices connect to (put the host in the broker certificate, see docs/deploy-aws.md)."
  value       = "ssl://${aws_eip.stack.public_dns}:8883"
}

output "instance_id" {
  description = "The EC2 instance running the stack."
  value       = aws_instance.stack.id
}

output "bucket" {
  description = "S3 bucket for releases, savepoints and Elasticsearch snapshots."
  value       = aws_s3_bucket.stack.bucket
}

output "ssm_shell" {
  description = "A shell on the instance (no SSH)."
  value       = "aws ssm start-session --region ${var.region} --target ${aws_instance.stack.id}"
}

output "kibana_tunnel" {
  description = "Forward Kibana to https://localhost:5601 on your machine."
  value       = "aws ssm start-session --region ${var.region} --target ${aws_instance.stack.id} --document-name AWS-StartPortForwardingSession --parameters portNumber=5601,localPortNumber=5601"
}

output "flink_ui_tunnel" {
  description = "Forward the Flink web UI to http://localhost:8081 on your machine."
  value       = "aws ssm start-session --region ${var.region} --target ${aws_instance.stack.id} --document-name AWS-StartPortForwardingSession --parameters portNumber=8081,localPortNumber=8081"
}

output "console_tunnel" {
  description = "Forward the operator console to http://localhost:8090 on your machine (log in with a user made by `console users add`, docs/deploy-aws.md)."
  value       = "aws ssm start-session --region ${var.region} --target ${aws_instance.stack.id} --document-name AWS-StartPortForwardingSession --parameters portNumber=8090,localPortNumber=8090"
}

output "notifier_tunnel" {
  description = "Forward the notifier to http://localhost:8096 on your machine: /health shows each channel's state (docs/notifications.md). Recipients' \"I'm on it\" links need a TLS reverse proxy of your own in front of it."
  value       = "aws ssm start-session --region ${var.region} --target ${aws_instance.stack.id} --document-name AWS-StartPortForwardingSession --parameters portNumber=8096,localPortNumber=8096"
}
