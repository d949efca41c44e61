"""One widget class per activity kind, each one anywidget model drawn by its own ES module
(`frontend.py`, `static/<kind>.js`).

Widgets hold no content and no scoring: content comes from `content.model`, scoring from the
model's plain methods. Every UI event has a public method (`choose`, `place`, `rate`, `write`)
so notebooks, tests and the grader can drive a widget without a browser.
"""
