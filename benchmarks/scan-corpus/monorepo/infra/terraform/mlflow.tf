resource "aws_s3_bucket" "mlflow_artifacts" {
  bucket = "acme-churn-mlflow-artifacts"
}

resource "aws_s3_bucket_public_access_block" "mlflow_artifacts" {
  bucket                  = aws_s3_bucket.mlflow_artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_db_instance" "mlflow" {
  identifier          = "mlflow-backend"
  engine              = "postgres"
  engine_version      = "16.4"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  db_name             = "mlflow"
  username            = "mlflow"
  password            = var.mlflow_db_password
  skip_final_snapshot = true
}
