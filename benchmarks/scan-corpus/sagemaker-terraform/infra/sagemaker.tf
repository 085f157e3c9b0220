resource "aws_sagemaker_model_package_group" "demand_forecast" {
  model_package_group_name        = "demand-forecast"
  model_package_group_description = "Approved demand forecasting models"
}

resource "aws_sagemaker_model" "demand_forecast" {
  name               = "demand-forecast-${var.image_tag}"
  execution_role_arn = aws_iam_role.sagemaker_execution.arn

  primary_container {
    image          = "${aws_ecr_repository.training_image.repository_url}:${var.image_tag}"
    model_data_url = "s3://${aws_s3_bucket.model_artifacts.bucket}/${var.model_data_key}"
  }
}

resource "aws_sagemaker_endpoint_configuration" "demand_forecast" {
  name = "demand-forecast-${var.image_tag}"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.demand_forecast.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://${aws_s3_bucket.model_artifacts.bucket}/data-capture"
    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }
}

resource "aws_sagemaker_endpoint" "demand_forecast" {
  name                 = "demand-forecast"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.demand_forecast.name
}
