"""A tiny GTK window that offers one file as a drag source (text/uri-list).

The end-to-end tests press on it with xdotool and drag onto the app window:
a real native drop, which WebDriver alone cannot make. Prints "ready" once
the window is on screen.
"""

import pathlib
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

path, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
uri = pathlib.Path(path).resolve().as_uri()

window = Gtk.Window(title="partnerly-drag-source")
window.set_decorated(False)
window.set_default_size(36, 120)
window.move(x, y)
box = Gtk.EventBox()
box.add(Gtk.Label(label="CSV"))
window.add(box)

box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()
box.connect("drag-data-get", lambda _w, _ctx, data, _info, _time: data.set_uris([uri]))
window.connect("destroy", Gtk.main_quit)
window.connect("map-event", lambda *_: print("ready", flush=True))
window.show_all()
Gtk.main()
