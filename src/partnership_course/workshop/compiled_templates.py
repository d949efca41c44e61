"""Voila's page templates compiled once per server, not once per page.

Voila 0.5.13 makes a new `NotebookRenderer` for every page it serves (and for every preheated
kernel), and each renderer builds a new nbconvert `VoilaExporter`, whose Jinja2 environment is
new too: so every page compiled the page template and everything it extends or imports
(`partnership/index.html.j2`, `lab/index.html.j2`, nbconvert's `lab` and `base` templates, the
spinner and setup macros) from source again. At 200 participants that was about a fifth of the
server's time drawing pages (py-spy; docs/capacity.md).

Here every such environment shares one in-memory Jinja2 bytecode cache: the first page compiles
each template file to a Python code object, later pages take the code object and only run it
(which builds the template's functions in their own environment, so each page keeps its own
filters, globals and exporter). Nothing that differs per page or language is compiled in: the
language, the navigation's words and the page config reach the template at render time
(`nb.metadata`, `resources`). A code object is reused only for the same file, the same source
(Jinja2 checks a checksum of the text it has just read, so an edited template is compiled
again) and the same compile settings (async or not, extensions, autoescape, delimiters).

Two more of a page's costs were the same for every participant, so they are done once too:
- each markdown cell's HTML (mistune, about a third of what was left of a page's drawing): kept
  by the cell's source and attachments, since the page's text is the same for everyone and
  the served folder is a fresh copy made at start (`site.py`), so a picture it inlines cannot
  change while the server runs;
- nbconvert checked the whole notebook against its schema after each of its eight
  preprocessors; `optimistic_validation` (nbconvert's own setting) checks it once, after all.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from types import CodeType
from typing import Any

from jinja2 import BytecodeCache, Environment, pass_context
from jinja2.bccache import Bucket
from traitlets import default


def compile_settings(environment: Environment) -> tuple[Any, ...]:
    """What decides the code Jinja2 compiles a template source to, besides the source."""
    autoescape = environment.autoescape
    return (
        environment.is_async,
        environment.optimized,
        autoescape if isinstance(autoescape, bool) else id(autoescape),
        tuple(sorted(environment.extensions)),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
    )


class SharedCodeCache(BytecodeCache):
    """Compiled templates kept in memory for every environment of this process."""

    def __init__(self) -> None:
        self._code: dict[tuple[Any, ...], CodeType] = {}
        self.stored = 0  # templates compiled and kept (each file once per settings)

    def _key(self, bucket: Bucket) -> tuple[Any, ...]:
        return (bucket.key, bucket.checksum, compile_settings(bucket.environment))

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self._code.get(self._key(bucket))

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[self._key(bucket)] = bucket.code
            self.stored += 1

    def clear(self) -> None:
        self._code.clear()


CACHE = SharedCodeCache()


class MarkdownCache:
    """Markdown cells' HTML, at most `size` of them, the least recently used dropped first."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.drawn: OrderedDict[tuple[Any, ...], str] = OrderedDict()
        self.misses = 0

    def get(self, key: tuple[Any, ...], draw: Any) -> str:
        found = self.drawn.get(key)
        if found is None:
            self.misses += 1
            found = self.drawn[key] = draw()
            if len(self.drawn) > self.size:
                self.drawn.popitem(last=False)
        else:
            self.drawn.move_to_end(key)
        return found

    def clear(self) -> None:
        self.drawn.clear()
        self.misses = 0


MARKDOWN = MarkdownCache()


def cached_exporter(base: type) -> type:
    """`base` (Voila's exporter class) whose Jinja2 environment uses the shared cache, whose
    markdown cells are drawn once, and which validates the notebook once per page."""

    class CachedVoilaExporter(base):  # type: ignore[misc, valid-type]
        @default("optimistic_validation")
        def _validate_once(self) -> bool:
            return True

        def _create_environment(self) -> Environment:
            environment = super()._create_environment()
            environment.bytecode_cache = CACHE
            return environment

        @pass_context
        def markdown2html(self, context: Any, source: str) -> str:
            attachments = context["cell"].get("attachments", {})
            key = (
                source,
                json.dumps(attachments, sort_keys=True),
                self.anchor_link_text,
                self.markdown_renderer_class,
                id(self.contents_manager),
            )
            return MARKDOWN.get(
                key, lambda: super(CachedVoilaExporter, self).markdown2html(context, source)
            )

    return CachedVoilaExporter


def install() -> None:
    """Make every page renderer of this server (Voila's `NotebookRenderer`, which both the page
    handler and the preheating kernel manager use) build its exporter with the shared cache."""
    import voila.notebook_renderer as renderer

    if not getattr(renderer.VoilaExporter, "_shares_compiled_templates", False):
        renderer.VoilaExporter = cached_exporter(renderer.VoilaExporter)
        renderer.VoilaExporter._shares_compiled_templates = True
