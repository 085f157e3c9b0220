variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "model_data_key" {
  type        = string
  description = "Key of the model.tar.gz produced by the approved training job"
}

variable "image_tag" {
  type    = string
  default = "latest"
}
