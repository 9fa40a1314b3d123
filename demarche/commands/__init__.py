"""One module per subcommand. Each exposes ``register(subparsers, common)``.

Keep module-level imports light: parsing arguments imports every module here.
"""
