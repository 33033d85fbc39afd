locals {
  scheduler = "events.amazonaws.com"
}

resource "aws_lambda_permission" "from_s3" { # expect: aws-lambda-permission-service-without-source
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnailer"
  principal     = "s3.amazonaws.com"
}

resource "aws_lambda_permission" "from_events" { # expect: aws-lambda-permission-service-without-source
  statement_id  = "AllowEventsInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "nightly-report"
  principal     = local.scheduler
}
