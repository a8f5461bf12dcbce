"""DynamoDB: the direct messages table (messages.py; key shapes in cruddur_shared.messages_table)."""
