module "a" {
  source = "./modules/queue"
  name   = "first"
}
module "b" {
  source  = "./modules/queue"
  name    = "second"
  retention = 1209600
}
resource "aws_sqs_queue" "uses_output" {
  name = "${module.a.name}-dlq"
}
