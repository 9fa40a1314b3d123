"""Modal questions (`ModalScreen[T]`): escape always means no."""
