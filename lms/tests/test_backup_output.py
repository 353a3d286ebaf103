"""`backup --output DIR` collects backups side by side; `restore` does not write over a site's
files unless told to (LMS_VAR_DIR chooses where it writes)."""

import io
import stat

from django.core.management import call_command

from lms.accounts.management.commands import backup, restore
from lms.tests import test_backup
from lms.tests.test_backup import committed, empty_database, restore_elsewhere

roots = test_backup.roots  # the fixture: this test's own upload folders and key


def run_backup(output) -> str:
    out = io.StringIO()
    call_command(backup.Command(), "--output", str(output), stdout=out)
    return out.getvalue()


@committed
def test_every_backup_is_a_new_folder_beside_the_earlier_ones(roots, make_user, tmp_path):
    make_user()
    output = tmp_path / "backups"  # not there yet: made, for the owner only
    first = run_backup(output)
    second = run_backup(output)
    folders = sorted(output.iterdir())
    assert [f.name[:11] for f in folders] == ["lms-backup-", "lms-backup-"]
    assert str(folders[0]) in first and str(folders[1]) in second
    for folder in folders:
        names = {p.name for p in folder.iterdir()}
        assert {"manifest.json", backup.ARCHIVE} <= names
        assert not any(p.is_dir() for p in folder.iterdir())  # nothing nested in a backup
    assert stat.S_IMODE(output.stat().st_mode) == 0o700


@committed
def test_restore_refuses_upload_folders_that_already_hold_files(roots, make_user, tmp_path):
    make_user()
    run_backup(tmp_path / "backups")
    [folder] = (tmp_path / "backups").iterdir()
    occupied = tmp_path / "occupied-var"
    (occupied / "test-media").mkdir(parents=True)
    (occupied / "test-media" / "earlier.txt").write_text("a file of the site")
    with empty_database(tmp_path) as (url, _query):
        result = restore_elsewhere(folder, url, occupied)
    assert result.returncode != 0
    assert "LMS_VAR_DIR" in result.stderr and "--force" in result.stderr
    assert (occupied / "test-media" / "earlier.txt").read_text() == "a file of the site"


def test_restore_names_the_folders_and_the_key_it_would_write_over(roots):
    # The roots fixture put an image in MEDIA_ROOT and a key in place.
    occupied = restore.Command().occupied()
    assert str(roots.MEDIA_ROOT) in occupied
    assert roots.LMS_CREDENTIAL_KEY_FILE in occupied
