"""The database where it must not be (#29): in a synced folder (by its name, by the
files each service leaves) or on a network or FUSE filesystem, said once, clearly,
with the safe alternative; never where it is safe."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from tmux import Terminal, growtui_command

from growtui.places import filesystem, risk, synced_service
from growtui.store import Store


def database(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(path)
    store.add_person("Ada Lovelace")
    store.close()
    return path


@pytest.mark.parametrize(
    "folder, service",
    [
        ("Dropbox", "Dropbox"),
        ("Dropbox (Personal)/notes", "Dropbox"),
        ("OneDrive - Contoso/Documents", "OneDrive"),
        ("Library/CloudStorage/GoogleDrive-me@example.com/My Drive", "Google Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
        ("Nextcloud/work", "Nextcloud"),
    ],
)
def test_a_synced_folder_is_known_by_its_name(tmp_path: Path, folder: str, service: str) -> None:
    assert synced_service(tmp_path / folder) == service


@pytest.mark.parametrize(
    "marker, service",
    [
        (".dropbox", "Dropbox"),
        (".nextcloudsync.log", "Nextcloud"),
        (".sync_4f2a9c.db", "Nextcloud"),
        (".tmp.drivedownload", "Google Drive"),
    ],
)
def test_a_synced_folder_is_known_by_the_files_its_service_leaves(tmp_path: Path, marker: str, service: str) -> None:
    (tmp_path / "sync").mkdir()
    (tmp_path / "sync" / marker).write_text("")
    assert synced_service(tmp_path / "sync" / "work" / "growtui") == service


def test_a_local_folder_is_safe(tmp_path: Path) -> None:
    assert synced_service(tmp_path / "notes") is None
    assert risk(database(tmp_path / "notes" / "growtui.db")) is None


MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
61 27 0:52 / {base}/nfs rw,relatime shared:30 - nfs4 fileserver:/export/home rw,vers=4.2,rsize=1048576
62 27 0:53 / {base}/smb\\040share rw,relatime - cifs //nas/share rw,vers=3.1.1,cache=strict
63 27 0:54 / {base}/sshfs rw,nosuid,nodev - fuse.sshfs me@host:/home/me rw,user_id=1000
64 63 254:0 / {base}/sshfs/local rw,relatime - ext4 /dev/vda rw
"""


@pytest.mark.parametrize(
    "where, said",
    [
        ("nfs/growtui", "a network filesystem (nfs4)"),
        ("smb share/growtui", "a network filesystem (cifs)"),
        ("sshfs/growtui", "a FUSE filesystem (fuse.sshfs)"),
        ("sshfs/local/growtui", None),  # (a local disk mounted inside it: the longest mount point wins)
        ("home/growtui", None),
    ],
)
def test_a_network_or_fuse_filesystem_is_known_from_the_kernels_mount_table(
    tmp_path: Path, where: str, said: str | None
) -> None:
    table = tmp_path / "mountinfo"
    table.write_text(MOUNTINFO.format(base=tmp_path))
    folder = tmp_path / where
    folder.mkdir(parents=True)
    found = risk(folder / "growtui.db", mountinfo=table)
    if said is None:
        assert found is None
    else:
        assert found is not None and said in found and "Keep the database on this machine's disk" in found


def test_the_filesystem_is_read_from_the_real_mount_table(tmp_path: Path) -> None:
    mnt = tmp_path / "mounted here"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        assert filesystem(mnt / "sub") == "tmpfs"
        assert filesystem(tmp_path) != "tmpfs"
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_command_says_it_once_with_the_safe_alternative(tmp_path: Path) -> None:
    db = database(tmp_path / "Dropbox" / "growtui.db")
    first = run_cli("people", "--db", str(db))
    assert first.returncode == 0
    (line,) = first.stderr.strip().splitlines()
    assert line.startswith(f"growtui: warning: {db} is in a Dropbox folder: file-syncing services corrupt")
    assert "point `backups` (config.toml) or `growtui replicate --to` at that folder" in line
    again = run_cli("people", "--db", str(db))
    assert again.returncode == 0 and again.stderr == ""


@pytest.mark.e2e
def test_the_app_says_it_on_its_first_screen(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = database(tmp_path / "OneDrive - Contoso" / "growtui.db")
    term = Terminal(growtui_command("--db", str(db)), 100, 30, terminal_env)
    try:
        term.wait_for("Where the database is")
        term.wait_for("file-syncing services")
        term.keys("C-q", pause=0.5)
        term.wait_exit()
    finally:
        term.close()
    assert run_cli("people", "--db", str(db)).stderr == ""  # (said once: not again by a command)
