"""The avatar handler (a package, so its tests and module names stay apart from other Lambdas')."""
