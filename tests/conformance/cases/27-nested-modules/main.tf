module "outer" {
  source = "./modules/outer"
  prefix = "app"
}
resource "aws_sqs_queue" "root" {
  name = module.outer.inner_name
}
