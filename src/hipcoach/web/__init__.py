"""The web app's pages: landing, onboarding, today, the player, progress and offline support."""
