"""What more than one Lambda needs; bin/lambda/package puts this package into every Lambda's zip."""
