"""The fan-out process: home timelines (cruddur/timelines) filled as cruds and reposts are written."""
