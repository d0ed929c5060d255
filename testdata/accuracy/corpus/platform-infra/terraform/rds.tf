resource "random_password" "db" {
  length           = 24
  special          = true
  override_special = "!#%&*()-_=+[]{}<>:?"
}

resource "aws_db_instance" "main" {
  identifier              = "platform-prod"
  engine                  = "postgres"
  engine_version          = "15.5"
  instance_class          = "db.r6g.large"
  allocated_storage       = 100
  username                = "platform"
  password                = random_password.db.result
  db_subnet_group_name    = aws_db_subnet_group.main.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  backup_retention_period = 14
  skip_final_snapshot     = false
  kms_key_id              = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"
}

resource "aws_db_instance" "reporting" {
  identifier     = "platform-reporting"
  engine         = "mysql"
  instance_class = "db.t3.medium"
  username       = "reporting"
  password       = "Wx8#kN2vQm5r"
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({ username = "platform", password = random_password.db.result })
}

resource "aws_iam_access_key" "ci" {
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:platform_ci"
}

data "aws_secretsmanager_secret_version" "datadog" {
  secret_id = "prod/datadog/api-key"
}
