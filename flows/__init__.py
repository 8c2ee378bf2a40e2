"""Prefect flows: the stages of a case, the deadline and the timer sweep, notice delivery and the daily digest.
A flow body validates its own parameters, calls an application-layer sequence with the Prefect runner
(`flows.tasks.as_tasks`: each step a task) and publishes its artifacts; it sequences nothing itself."""
