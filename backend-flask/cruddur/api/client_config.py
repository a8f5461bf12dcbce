from . import api
from .extensions import current_config


@api.get("/config")
def client_config():
    """What the SPA needs to reach Cognito; one build serves every environment."""
    config = current_config()
    return {
        "region": config.aws_region,
        "user_pool_id": config.cognito_user_pool_id,
        "user_pool_client_id": config.cognito_user_pool_client_id,
        "cognito_endpoint": config.aws_endpoint_url,
        "assets_base_url": config.assets_base_url,
        # Rollbar's post_client_item token is public by design; null turns browser reporting off.
        "rollbar_client_token": config.rollbar_client_token,
        "environment": config.environment,
        # The real-time stream (text/event-stream, same bearer token).
        "stream_url": config.stream_url,
    }
