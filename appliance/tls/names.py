"""The names and addresses an iPad may use to reach this machine: what the certificate must cover.

ATS ignores the certificate's common name: the name or IP address the iPad typed must be
in subjectAltName. The machine's names are its host name and fully qualified name, every
address it holds that is not loopback or link-local, `localhost` and `127.0.0.1`, plus the
operator's `tls_names` (a VPN name, a NAT address).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Iterable

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Destinations for the routing lookup below; no packet is sent (a UDP connect only picks a route).
_ROUTE_PROBES = (("192.0.2.1", socket.AF_INET), ("2001:db8::1", socket.AF_INET6))


@dataclass(frozen=True)
class Names:
    """DNS names (lower case) and IP addresses, each sorted, without repeats."""

    dns: tuple[str, ...]
    ips: tuple[IpAddress, ...]

    def all(self) -> list[str]:
        return list(self.dns) + [str(ip) for ip in self.ips]

    def covered_by(self, other: "Names") -> bool:
        """True when every name here is also in `other`."""
        return set(self.dns) <= set(other.dns) and set(self.ips) <= set(other.ips)

    def missing_from(self, other: "Names") -> list[str]:
        return sorted(set(self.dns) - set(other.dns)) + sorted(str(ip) for ip in set(self.ips) - set(other.ips))


def parse_names(values: Iterable[str]) -> Names:
    """Split names into DNS names and IP addresses."""
    dns, ips = set(), set()
    for value in values:
        value = value.strip().strip("[]")
        if not value:
            continue
        try:
            ips.add(ipaddress.ip_address(value))
        except ValueError:
            dns.add(value.lower().rstrip("."))
    return Names(tuple(sorted(dns)), tuple(sorted(ips, key=lambda ip: (ip.version, ip))))


def machine_names(extra: Iterable[str] = ()) -> Names:
    """This machine's names and addresses, plus `extra` (the `tls_names` setting)."""
    host = socket.gethostname()
    values = {host, socket.getfqdn(host), "localhost", "127.0.0.1", *extra}
    values.update(str(ip) for ip in machine_addresses(host))
    return parse_names(values)


def machine_addresses(host: str) -> set[IpAddress]:
    """Non-loopback, non-link-local addresses: those the host name resolves to and the routed ones."""
    found: set[str] = set()
    try:
        found.update(info[4][0] for info in socket.getaddrinfo(host, None))
    except OSError:  # a host name that does not resolve: the routed addresses still count
        pass
    for probe, family in _ROUTE_PROBES:
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                found.add(sock.getsockname()[0])
        except OSError:  # no route for this family
            pass
    addresses = set()
    for text in found:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified):
            addresses.add(ip)
    return addresses


def name_matches(name: str, names: Names) -> bool:
    """Whether a host name or IP address typed by a client is covered (one leftmost `*` label allowed)."""
    wanted = parse_names([name])
    if wanted.ips:
        return wanted.ips[0] in names.ips
    if not wanted.dns:
        return False
    host = wanted.dns[0]
    if host in names.dns:
        return True
    first, _, rest = host.partition(".")
    return bool(rest) and f"*.{rest}" in names.dns
