variable "config" {
  type = object({
    name = string
    queue = optional(object({
      delay     = optional(number, 3)
      retention = optional(number)
    }), {})
  })
  default = { name = "nested" }
}
resource "aws_sqs_queue" "q" {
  name          = var.config.name
  delay_seconds = var.config.queue.delay
  tags          = { retention_null = var.config.queue.retention == null }
}
