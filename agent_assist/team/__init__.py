"""Team mode: the centre's shared store on PostgreSQL (issue 11).

Local stays the default: nothing here runs unless a team DSN is configured, and psycopg is imported
only inside the functions that talk to the server, so the app starts and works without it. With
team mode on, every note, amendment, follow-up outcome, feedback flag, study review and tier
change is saved locally first and also queued in the local outbox (:mod:`outbox`); a background
thread (:mod:`pusher`) sends the queue in batches, exactly once in effect (UUID keys,
``ON CONFLICT DO NOTHING``). Who may read and write what is enforced by the database (roles and
row-level security, ``sql/0001_team_store.sql``), not by this client.
"""
