"""Tests of the application drivers."""
