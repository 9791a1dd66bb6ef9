"""python -m desktop: the GUI, or a CLI command when given one."""
import sys

from desktop.cli import main

sys.exit(main())
