cluster_name   = "prod"
region         = "SBG5"
flavor         = "b3-16"
admin_password = "hunter2-not-shown"
