"""URLs given to ``legation ingest``, checked before any coding starts.

The fetcher refuses non-public addresses (a feed must not make legation read the
intranet or the cloud metadata service). Without this check that refusal surfaced as
"cannot download" after half the input was coded; now every URL argument is looked at
first and a private, loopback or link-local one stops the run at once, saying why.
``--allow-private-urls`` lets an intranet feed through, for this run only.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from legation.errors import InputError

if TYPE_CHECKING:
    from configparser import ConfigParser

    from legation.store.sources import Fetch

ALLOW_OPTION = "--allow-private-urls"
IP = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_url(spec: str) -> bool:
    return urlsplit(spec).scheme in ("http", "https")


def address_kind(ip: IP) -> str | None:
    """Why an address is not public (``None`` when it is)."""
    mapped = getattr(ip, "ipv4_mapped", None)
    ip = mapped or ip
    if ip.is_global:
        return None
    for test, kind in (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_private, "a private address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_multicast, "a multicast address"),
    ):
        if test:
            return kind
    return "not a public address"


def _addresses(host: str, port: int | None) -> list[IP]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise InputError(host, f"cannot resolve the host name ({exc})") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def check_urls(specs: Sequence[str], allow_private: bool = False) -> None:
    """Every URL in ``specs`` must name a public address (unless ``allow_private``); the
    first that does not is an ``InputError`` with the reason."""
    for spec in specs:
        if not is_url(spec):
            continue
        parts = urlsplit(spec)
        host = parts.hostname
        if not host:
            raise InputError(spec, "no host name in the URL")
        if allow_private:
            continue
        try:
            port = parts.port
        except ValueError:
            raise InputError(spec, "bad port in the URL") from None
        for ip in _addresses(host, port):
            kind = address_kind(ip)
            if kind is not None:
                shown = getattr(ip, "ipv4_mapped", None) or ip
                raise InputError(
                    spec, f"refused: {shown} is {kind}; pass {ALLOW_OPTION} for intranet feeds"
                )


@cache
def _open_config() -> ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    config = DEFAULT_CONFIG.__class__()
    config.read_dict({s: dict(DEFAULT_CONFIG[s]) for s in DEFAULT_CONFIG})
    config["DEFAULT"]["SSRF_PROTECTION"] = "off"
    return config


def private_fetch(url: str) -> str | None:
    """``default_fetch`` without the public-address rule (``--allow-private-urls``)."""
    import trafilatura

    result = trafilatura.fetch_url(url, config=_open_config())
    return str(result) if result is not None else None


def fetcher(no_fetch: bool, allow_private: bool) -> Fetch | None:
    """The fetch function ``read_sources`` gets for these options."""
    if no_fetch:
        return None
    if allow_private:
        return private_fetch
    from legation.store.sources import default_fetch

    return default_fetch
