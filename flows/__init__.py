"""Prefect flows per case stage, the timer sweep, and their tasks. Flows only sequence tasks; tasks call
the service layer with IDs and plain values."""
