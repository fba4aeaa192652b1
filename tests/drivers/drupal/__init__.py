"""Tests of the Drupal drivers (``drupal`` and ``drupal7``)."""
