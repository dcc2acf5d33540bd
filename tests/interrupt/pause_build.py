"""Run the `studyplan` command with a pause after mkdocs' post-build events.

At that point the new site is complete in its temporary directory and not yet
swapped in. The pause writes the temporary directory's path to the file named
by $STUDYPLAN_TEST_PAUSE_MARKER, then waits for a signal, so a test can
interrupt the build exactly there on a machine of any speed.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from mkdocs.plugins import PluginCollection

_post_build = PluginCollection.on_post_build


def _pause(self: PluginCollection, *, config) -> None:
    _post_build(self, config=config)
    marker = Path(os.environ["STUDYPLAN_TEST_PAUSE_MARKER"])
    partial = marker.with_name(marker.name + ".partial")
    partial.write_text(config["site_dir"])
    partial.replace(marker)  # the test sees the marker whole or not at all
    signal.pause()  # until the test's SIGINT (KeyboardInterrupt from here)


PluginCollection.on_post_build = _pause

if __name__ == "__main__":
    from generator.cli import main

    sys.exit(main(sys.argv[1:]))
