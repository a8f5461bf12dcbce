"""How the running API explains itself: JSON request logs, OpenTelemetry traces, X-Ray, Rollbar.
Each part is off unless its settings are present."""
