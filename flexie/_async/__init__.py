"""The async flavour of the client, its resources and its request loop."""
