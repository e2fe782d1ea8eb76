"""Benchmarks of the flexie client against reference numbers measured in the same run.

``python -m benchmarks`` (``make bench``) runs them all, prints a table of medians and writes it,
with the environment, to ``benchmarks/results.md``; it exits 1 when a target is missed.
``--quick`` is a fast smoke run, ``--only NAME`` runs one benchmark. One module per benchmark:

- ``bench_import``: cold ``import flexie`` vs cold ``import httpx`` (clean runtime-only venv), and the
  imports the first ``client.contacts.get()`` triggers.
- ``bench_requests``: client CPU per ``contacts.get(id)`` vs a plain ``httpx.Client`` get + ``.json()``.
- ``bench_streaming``: iterating 100,000 records: peak RSS growth, CPU per record vs ``json.loads``.
- ``bench_concurrency``: ``AsyncFlexie`` bulk calls at concurrency 8 vs the same calls one by one.

``bench_fake_server`` (the fake server's own throughput) is a separate script.
"""
