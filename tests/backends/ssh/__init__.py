"""Tests of the ssh backend plugin against a real sshd."""
