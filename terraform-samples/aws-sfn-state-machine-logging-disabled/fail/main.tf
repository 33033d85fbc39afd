resource "aws_sfn_state_machine" "silent" { # expect: aws-sfn-state-machine-logging-disabled
  name     = "silent"
  role_arn = "arn:aws:iam::111122223333:role/orders-sfn"

  definition = <<-JSON
    {
      "StartAt": "Done",
      "States": { "Done": { "Type": "Succeed" } }
    }
  JSON
}

resource "aws_sfn_state_machine" "off" {
  name     = "off"
  role_arn = "arn:aws:iam::111122223333:role/orders-sfn"

  definition = <<-JSON
    {
      "StartAt": "Done",
      "States": { "Done": { "Type": "Succeed" } }
    }
  JSON

  logging_configuration {
    log_destination = "arn:aws:logs:eu-west-1:111122223333:log-group:orders-sfn:*"
    level           = "OFF" # expect: aws-sfn-state-machine-logging-disabled
  }
}
