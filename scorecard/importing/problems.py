"""What stops a file being read at all."""


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""
