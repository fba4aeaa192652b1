"""The core of Aegir: pure data, the plugin contract, plans, the task journal and the inventory.

Nothing in ``aegir.core`` imports a driver or a backend; they are found through plugins.
"""
