"""Deployments of wasnaker's flows: every stage flow, the per-timer deadline flow and the daily sweep."""
