"""Pages for looked-after children and care leavers: adapters that validate a form, call one service
or selector, and render."""
