"""Rules the API and the Lambdas must agree on. Plain Python with no dependencies: the API imports it from
backend-flask/, and bin/lambda/package puts it into every Lambda's zip."""
