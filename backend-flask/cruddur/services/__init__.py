"""The rules of Cruddur. Services take plain arguments and raise ApiError; they never see HTTP."""
