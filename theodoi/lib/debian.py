"""Debian packages the tests drive (chromium, LibreOffice), installed when missing: CI's
machine starts with none of them, as a newcomer's does. Where apt-get cannot run (not
root), the message names what to install."""

from __future__ import annotations

import os
import shutil
import subprocess


class MissingPackage(RuntimeError):
    pass


def command_or_install(command: str, packages: list[str], recommends: bool = True) -> str:
    """The path of `command`, installing `packages` with apt-get first if it is missing."""
    found = shutil.which(command)
    if found:
        return found
    wanted = " ".join(packages)
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise MissingPackage(f"{command} is missing: install it (apt-get install {wanted})")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    options = [] if recommends else ["--no-install-recommends"]
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *options, *packages],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    found = shutil.which(command)
    if not found:
        raise MissingPackage(f"{wanted} was installed but {command} is not on PATH")
    return found


def soffice() -> str:
    """LibreOffice's command, to turn a .docx into the PDF a person would see. Liberation
    Serif has Times New Roman's metrics: pages break where Word's do."""
    return command_or_install(
        "soffice", ["libreoffice-writer-nogui", "fonts-liberation2"], recommends=False
    )


def chromium() -> str:
    return command_or_install("chromium", ["chromium"])
