resource "aws_s3_bucket" "training_data" {
  bucket = "acme-demand-forecast-data"
}

resource "aws_s3_bucket_versioning" "training_data" {
  bucket = aws_s3_bucket.training_data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "model_artifacts" {
  bucket = "acme-demand-forecast-models"
}

resource "aws_ecr_repository" "training_image" {
  name                 = "demand-forecast-training"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}
