"""python -m desktop: the GUI, or a CLI command when given one."""
import sys

from desktop.launcher import main

sys.exit(main())
