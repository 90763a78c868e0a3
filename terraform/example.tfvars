# cp example.tfvars terraform.tfvars (git-ignored) and edit
region        = "eu-central-1"
instance_type = "t3.xlarge"
device_cidrs  = ["203.0.113.0/24"]
alarm_email   = ""
