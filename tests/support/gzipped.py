"""A real server's activity route read as raw bytes: gzipped once, and exactly the file."""

from __future__ import annotations

import gzip
import urllib.request

from partnership_course.activities.delivery import http_files


def assert_route_gzipped_once(url: str) -> None:
    """Is `url` (a file of the activities' route) sent gzip-encoded with `Vary:
    Accept-Encoding`, and does one decompression give exactly the package's file (so no
    second gzip layer), while a client that takes no gzip gets the file as it is?"""
    expected = http_files()[url.rsplit("/", 1)[1].split("?")[0]][1].encode("utf-8")
    asked = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(asked, timeout=30) as response:  # urllib never decompresses
        encoding, vary, body = (
            response.headers["Content-Encoding"],
            response.headers["Vary"],
            response.read(),
        )
    assert encoding == "gzip", (url, encoding)
    assert "Accept-Encoding" in (vary or ""), (url, vary)
    assert gzip.decompress(body) == expected, url
    plain = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(plain, timeout=30) as response:
        assert response.headers["Content-Encoding"] is None and response.read() == expected, url
