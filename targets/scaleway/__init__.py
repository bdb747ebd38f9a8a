"""Scaleway (scaleway/scaleway 2.x): Kapsule and the services around it, from the neutral specs."""
