"""`make bench`: a large dataset, gunicorn with production-like settings, and a bounded load
generator on 127.0.0.1. See bench/run.py."""
