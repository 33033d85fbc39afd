variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.40.0.0/16"
}

variable "web_ami" {
  type    = string
  default = "ami-0123456789abcdef0"
}

variable "admin_cidrs" {
  description = "Who may SSH to the web servers."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "encrypt_database" {
  type    = bool
  default = false
}
