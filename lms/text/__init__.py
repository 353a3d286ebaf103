"""Text every app handles: Markdown rendering and the confidentiality guard for case material."""
