"""HTTP: the Bottle app (`app.create_app`), its error rendering, and waitress serving it (`server`)."""
