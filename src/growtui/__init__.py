"""growtui: career conversations with the GROW model, in the terminal."""

__version__ = "0.1.0"
