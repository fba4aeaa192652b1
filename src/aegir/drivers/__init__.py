"""Application drivers: what Drupal, WordPress and Grav codebases are, and how their sites are set up.

Each driver package is a plugin module registered through the ``aegir`` entry-point group; drivers
never import backends or each other.
"""
