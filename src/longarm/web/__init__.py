"""The web pages: server-rendered Jinja2 templates over the same services as the API, with a
little plain JavaScript (no front-end build, nothing fetched from the internet)."""
