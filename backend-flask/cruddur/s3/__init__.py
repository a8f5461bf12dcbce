"""S3: the uploads bucket browsers post pictures to (uploads.py)."""
