"""Who is asking: Cognito access tokens verified against the pool's keys (tokens.py), and the account's
attributes read and set with its own token (cognito.py). The web layer's decorators are in api/authentication."""
