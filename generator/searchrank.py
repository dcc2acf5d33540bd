# Search ranking: a whole-word match counts above a match inside a longer word.
"""Material's search worker makes every query term a prefix ("star" is sent
to lunr as ``star*``), so "startup" and "starts" score as much as "STAR", and
a page that says "start" often outranks the week about STAR stories. The
worker is Material's own; we put a few lines before it that add each plain
term once more as an exact, boosted term (``star^10 star*``): lunr then
scores a whole word ten times a prefix. Results, snippets and highlighting
stay Material's. The same file runs as a Worker online and in the offline
copy's iframe shim, so both rank alike."""

from __future__ import annotations

import re

WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")

# ES5: wraps the worker's "message" listener; a query (type 2) gets the exact terms.
PRELUDE = (
    "(function(){var a=self.addEventListener;"
    "function x(q){return q.replace(/(^|\\s)([A-Za-z0-9]+)(?=\\s|$)/g,function(m,s,w){return s+w+'^10 '+w})}"
    "self.addEventListener=function(t,f,o){return a.call(self,t,t!=='message'?f:function(e){var d=e.data;"
    "if(d&&d.type===2&&typeof d.data==='string'&&d.data.indexOf('\"')<0)d={type:2,data:x(d.data)};"
    "return f.call(this,{data:d})},o)}})();\n"
)


def is_worker(path: str) -> bool:
    """Is this site path Material's search worker?"""
    return WORKER.fullmatch(path) is not None


def ranked(worker: str) -> str:
    """Material's search worker with whole words ranked first."""
    return PRELUDE + worker
