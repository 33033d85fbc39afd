# A wildcard principal narrowed to the organisation.
resource "aws_lambda_permission" "organisation" {
  statement_id     = "AllowOrganisation"
  action           = "lambda:InvokeFunction"
  function_name    = "worker"
  principal        = "*"
  principal_org_id = "o-a1b2c3d4e5"
}

# A wildcard principal narrowed to one account.
resource "aws_lambda_permission" "one_account" {
  statement_id   = "AllowOneAccount"
  action         = "lambda:InvokeFunction"
  function_name  = "worker"
  principal      = "*"
  source_account = "444455556666"
}

# A named principal.
resource "aws_lambda_permission" "partner" {
  statement_id  = "AllowPartner"
  action        = "lambda:InvokeFunction"
  function_name = "worker"
  principal     = "arn:aws:iam::444455556666:role/partner-invoker"
}
