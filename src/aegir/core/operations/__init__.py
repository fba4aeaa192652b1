"""Operations as plans: each function looks at the inventory and returns a Plan of steps.

Nothing here changes anything; the task runner carries plans out. Operations reach drivers and
backends only through the plugin registries.
"""

from aegir.core.operations._env import OperationEnv, site_context

__all__ = ["OperationEnv", "site_context"]
