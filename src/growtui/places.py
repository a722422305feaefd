"""Where the database must not be. SQLite's own documentation warns that network
filesystems (their locks are not to be trusted) and file-syncing services (they copy
the file and its -wal apart, mid-write, and bring back old copies) corrupt databases
in use. growtui says so once per database, with the safe alternative."""

from __future__ import annotations

from pathlib import Path

# A folder of one of these services, by the name the service gives it (any case):
# ~/Dropbox, "Dropbox (Personal)", ~/OneDrive, "OneDrive - Company", macOS's
# ~/Library/CloudStorage/GoogleDrive-me@x.com and iCloud's Mobile Documents, ~/Nextcloud.
SYNCED_NAMES = (
    ("dropbox", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("icloud drive", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("com~apple~clouddocs", "iCloud Drive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
)
# ... and by the files each leaves at the top of what it syncs, whatever its name.
MARKERS = (
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".nextcloudsync.log", "Nextcloud"),
    (".owncloudsync.log", "ownCloud"),
    (".tmp.drivedownload", "Google Drive"),
    (".tmp.driveupload", "Google Drive"),
)
NETWORK = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "ceph", "glusterfs", "lustre", "gpfs", "davfs", "9p"}
LOCAL_FUSE = {"fuse.fuse-overlayfs"}  # (a container's own root, not a network)

ADVICE = (
    "Keep the database on this machine's disk (the default: growtui paths) and point "
    "`backups` (config.toml) or `growtui replicate --to` at that folder instead."
)


def synced_service(folder: Path) -> str | None:
    """The file-syncing service whose folder holds `folder`, by name or marker file."""
    for place in (folder, *folder.parents):
        name = place.name.lower()
        for start, service in SYNCED_NAMES:
            if name == start or name.startswith((f"{start} ", f"{start}-", f"{start} (")):
                return service
        for marker, service in MARKERS:
            if (place / marker).exists():
                return service
        if any(place.glob(".sync_*.db")):  # (the Nextcloud and ownCloud clients' journal)
            return "Nextcloud"
    return None


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in a path as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def filesystem(path: Path, mountinfo: Path = Path("/proc/self/mountinfo")) -> str | None:
    """The type of the filesystem holding `path` (Linux; None where it cannot be told)."""
    try:
        lines = mountinfo.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best, best_type = "", None
    for line in lines:
        head, _, tail = line.partition(" - ")
        fields, rest = head.split(), tail.split()
        if len(fields) < 5 or not rest:
            continue
        point = _unescape(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, rest[0]
    return best_type


def risk(db: Path, mountinfo: Path = Path("/proc/self/mountinfo")) -> str | None:
    """What to say about where `db` lies, or None where it is safe."""
    folder = db.expanduser().parent
    if service := synced_service(folder):
        return (
            f"{db} is in a {service} folder: file-syncing services corrupt SQLite databases in use "
            f"(SQLite's own documentation warns of it). {ADVICE}"
        )
    kind = filesystem(folder, mountinfo) if folder.exists() else None
    if kind and (kind in NETWORK or (kind.startswith("fuse") and kind not in LOCAL_FUSE)):
        what = "a FUSE filesystem" if kind.startswith("fuse") else "a network filesystem"
        return (
            f"{db} is on {what} ({kind}): its locks cannot be trusted, and SQLite's own documentation "
            f"warns that databases in use there get corrupted. {ADVICE}"
        )
    return None


def warn_once(db: Path) -> str | None:
    """The warning the first time this database is opened where it must not be; None after.
    (Its own small file in the state folder: a quick command reads no config for it.)"""
    import json
    import os

    from growtui import locations

    record = locations.state_file().parent / "warned-places.json"
    try:
        warned = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        warned = []
    key = str(db.expanduser().resolve())
    if not isinstance(warned, list) or key in warned:
        return None
    if (said := risk(db)) is None:
        return None
    try:
        record.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = record.with_name(record.name + ".tmp")
        tmp.write_text(json.dumps([*warned, key][-50:]), encoding="utf-8")
        os.replace(tmp, record)
    except OSError:
        pass  # (said again next time: better than never)
    return said
