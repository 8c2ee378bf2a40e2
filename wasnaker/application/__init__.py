"""The application layer: every use case of wasnaker, once, for every front end (the CLI, the web pages, the
Prefect flows, the demo, `wasnaker up`). A use case takes plain values (ids, numbers, strings, dates) and a
runtime, owns its transactions through `rt.session()`, and returns plain values; no session or ORM object
crosses this boundary. The services it composes stay single-purpose.

- `acts`: an officer's act and what follows it (record, deadline runs, documents, notices)
- `sweep`: the sweep, one deadline at its due moment, deadline runs kept in step
- `notices`: sending what is due, delivery, the daily digest
- `proof_of_service`: receipts recorded by officers and confirmed on the acknowledgement page
- `documents`, `cases`, `reference`: documents on request, reading cases, reference data
- `retention`: the Prefect server's history kept for the retention days (wasnaker's own records are never pruned)
- `steps` and `runner`: the named steps the sequences are made of, and how they run (in this process, or as
  Prefect tasks: `flows/tasks.py`)
"""
