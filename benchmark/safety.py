"""Small shared guards for untrusted text: credentials in messages, loopback hosts.

Every message the CLI prints goes through :func:`mask_credentials`, so a URL such as
``http://user:secret@host`` given on the command line is never echoed with its password.
"""

from __future__ import annotations

import ipaddress
import re

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#@]*@")


def mask_credentials(text: str, *secrets: str | None) -> str:
    """``text`` with the user-info of every URL replaced by ``***`` and each secret masked."""
    masked = _USERINFO.sub(r"\1***@", text)
    for secret in secrets:
        if secret and len(secret) >= 4:  # masking a 1-character "secret" would garble the text
            masked = masked.replace(secret, "***")
    return masked


def is_loopback_host(host: str | None) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1): traffic that never leaves the
    machine."""
    if not host:
        return False
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":  # not *.localhost: a resolver may send those to DNS
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
