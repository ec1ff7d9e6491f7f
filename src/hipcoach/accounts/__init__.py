"""Accounts: sign-up, log-in, password change and reset, and API tokens for scripts."""
