"""Built-in backends: how steps are carried out on a kind of infrastructure.

Each subpackage (``local``, ``ssh``, ``kubernetes``) is a plugin module loaded from the ``aegir``
entry-point group, like any third-party backend.
"""
