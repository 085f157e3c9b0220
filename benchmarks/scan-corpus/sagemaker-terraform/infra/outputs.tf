output "ecr_repository_url" {
  value = aws_ecr_repository.training_image.repository_url
}

output "execution_role_arn" {
  value = aws_iam_role.sagemaker_execution.arn
}

output "endpoint_name" {
  value = aws_sagemaker_endpoint.demand_forecast.name
}
