"""Files on disk: formats, atomic saves and locks, workspace paths, settings, the workspace scan."""
