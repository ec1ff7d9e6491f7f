"""The JSON API (django-ninja), mounted at /api/v1 with its OpenAPI 3 document."""
