"""The guards of the procedure, in words a user understands.

Each ``<verb>_blockers(...)`` returns the reasons why an action cannot be taken (an empty list
means it can). Its inputs (the outcome, the reasoning, the questions...) are optional: left out,
only what depends on the case *now* is checked, which is what a page shows next to a disabled
button; given, they are checked too, which is what a service refuses with. So each sentence is
written once, here. Pure reads: they never write. The rules themselves: docs/rules.md.

Who may act (the role) is not a guard but a permission: :mod:`.access`.
"""

from .common import *  # noqa: F403
from .corrections import *  # noqa: F403
from .filing import *  # noqa: F403
from .letters import *  # noqa: F403
from .office import *  # noqa: F403
from .outcomes import *  # noqa: F403
from .records import *  # noqa: F403
from .requests import *  # noqa: F403
