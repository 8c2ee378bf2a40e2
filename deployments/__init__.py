"""Deployments of wasnaker's flows: every stage flow, the deadline flow (one run per expiry moment), the batches of
due timers it and the daily sweep hand out (expire-timers), and the daily sweep."""
