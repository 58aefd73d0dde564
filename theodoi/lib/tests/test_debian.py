import pytest

from theodoi.lib import debian


def test_a_command_on_the_path_is_used_as_it_is():
    assert debian.command_or_install("sh", ["dash"]).endswith("/sh")


def test_without_root_a_missing_command_names_the_packages_to_install(monkeypatch):
    monkeypatch.setattr(debian.os, "geteuid", lambda: 1000)
    with pytest.raises(debian.MissingPackage, match="apt-get install no-such-package-a b"):
        debian.command_or_install("no-such-command-here", ["no-such-package-a", "b"])
