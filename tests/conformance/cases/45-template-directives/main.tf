variable "envs" { default = { dev = 1, prod = 3 } }
resource "aws_sqs_queue" "q" {
  name = "directives"
  tags = {
    list = "%{ for k, v in var.envs }${k}=${v};%{ endfor }"
    nest = "%{ for k, v in var.envs }%{ if v > 1 }${k} is big %{ else }${k} is small %{ endif }%{ endfor }"
  }
}
