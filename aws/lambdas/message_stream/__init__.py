"""The messages table's stream handler (a package, so its tests and module names stay apart from other Lambdas')."""
