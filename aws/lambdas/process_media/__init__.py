"""The media handler: photos in cruds (a package, so its tests and module names stay apart from other Lambdas')."""
