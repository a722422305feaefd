"""age encryption (the pyrage bindings), so that a snapshot which leaves the machine
is readable by nobody who holds it, and by the `age` command-line tool with the key:
`age -d -i key.txt growtui-….db.age > growtui.db`. Imported only by what encrypts or
decrypts (the snapshot process, restore)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from growtui.errors import GrowtuiError

HEADER = b"age-encryption.org/v1\n"


def _recipients(keys: Sequence[str]) -> list[Any]:
    import pyrage

    out: list[Any] = []
    for key in keys:
        try:
            if key.startswith("age1"):
                out.append(pyrage.x25519.Recipient.from_str(key))
            else:
                out.append(pyrage.ssh.Recipient.from_str(key))
        except pyrage.RecipientError as e:
            raise GrowtuiError(f"backup_recipient {key[:24]!r}… is not a key age can encrypt to ({e})") from None
    return out


def read_passphrase(path: Path) -> str:
    """The passphrase a file holds (its first line): the file is the user's, checked as theirs."""
    try:
        text = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GrowtuiError(f"cannot read the passphrase file {path}: {getattr(e, 'strerror', e)}") from None
    if not text or not text[0].strip():
        raise GrowtuiError(f"the passphrase file {path} is empty")
    return text[0].strip()


def encrypt_file(plain: Path, out: Path, recipients: Sequence[str], passphrase_file: Path | None) -> None:
    import pyrage

    if recipients:
        pyrage.encrypt_file(str(plain), str(out), _recipients(recipients))
        return
    assert passphrase_file is not None
    passphrase = read_passphrase(passphrase_file)
    out.write_bytes(pyrage.passphrase.encrypt(plain.read_bytes(), passphrase))


def is_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(HEADER)) == HEADER
    except OSError:
        return False


def needs_passphrase(path: Path) -> bool:
    """Encrypted with a passphrase (a scrypt stanza) rather than to a key."""
    with open(path, "rb") as f:
        head = f.read(512)
    return b"\n-> scrypt " in head


def _identities(identity_file: Path) -> list[Any]:
    import pyrage

    try:
        text = identity_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise GrowtuiError(f"cannot read the identity file {identity_file}: {getattr(e, 'strerror', e)}") from None
    try:
        if "PRIVATE KEY" in text:  # an SSH private key (not one with a passphrase of its own)
            return [pyrage.ssh.Identity.from_buffer(text.encode())]
        keys = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET-KEY-")]
        return [pyrage.x25519.Identity.from_str(k) for k in keys]
    except pyrage.IdentityError as e:
        raise GrowtuiError(f"{identity_file} is not an identity age can use ({e})") from None


def decrypt_file(source: Path, out: Path, identity_file: Path | None, passphrase: str | None) -> None:
    """Decrypt to `out`, or one clear GrowtuiError: the wrong key, the wrong passphrase,
    a damaged file."""
    import pyrage

    try:
        if passphrase is not None:
            out.write_bytes(pyrage.passphrase.decrypt(source.read_bytes(), passphrase))
            return
        assert identity_file is not None
        identities = _identities(identity_file)
        if not identities:
            raise GrowtuiError(f"{identity_file} holds no age identity (AGE-SECRET-KEY-…) nor an SSH private key")
        pyrage.decrypt_file(str(source), str(out), identities)
    except pyrage.DecryptError as e:
        out.unlink(missing_ok=True)
        what = "the passphrase" if passphrase is not None else f"the key in {identity_file}"
        raise GrowtuiError(f"{source} cannot be decrypted with {what} ({e})") from None
