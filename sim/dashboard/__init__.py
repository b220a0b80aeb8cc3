"""The live dashboard for client meetings (Solara, on Mesa's SolaraViz)."""
