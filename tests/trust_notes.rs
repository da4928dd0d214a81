//! Issue 11 ("Trust"), the notes part: failures found by trying rroom as a
//! user and as an attacker would, each kept fixed by a test here.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{is_root, note};
use rroom::notes::store::FILE_NAME;
use rroom::notes::{Filter, Store, StoreError};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn texts(store: &Store) -> Vec<String> {
    store.list(&Filter::default()).unwrap().into_iter().map(|n| n.text).collect()
}

// ----- 3: drafts per session -----

#[test]
fn two_sessions_drafting_on_the_same_article_keep_both_drafts() {
    let tmp = tempfile::tempdir().unwrap();
    let one = Store::open(tmp.path()).unwrap();
    let two = Store::open(tmp.path()).unwrap();
    let (s1, s2) = (rroom::notes::new_session_id(), rroom::notes::new_session_id());
    assert_ne!(s1, s2);
    one.save_draft("article:7ada25d68e4b", &s1, "first session's words").unwrap();
    two.save_draft("article:7ada25d68e4b", &s2, "second session's words").unwrap();
    one.save_draft("article:7ada25d68e4b", &s1, "first session's words, more").unwrap();

    let fresh = Store::open(tmp.path()).unwrap();
    let mut drafts: Vec<(String, String)> =
        fresh.load_drafts().unwrap().into_iter().map(|d| (d.session, d.text)).collect();
    drafts.sort();
    let mut expected = vec![
        (s1.clone(), "first session's words, more".to_string()),
        (s2.clone(), "second session's words".into()),
    ];
    expected.sort();
    assert_eq!(drafts, expected);

    // Clearing one session's draft leaves the other's.
    one.clear_draft("article:7ada25d68e4b", &s1).unwrap();
    let left: Vec<String> = fresh.load_drafts().unwrap().into_iter().map(|d| d.session).collect();
    assert_eq!(left, [s2]);
}

// ----- 5: the store deleted or replaced while open -----

#[test]
fn a_store_deleted_while_open_is_recreated_and_the_next_note_reaches_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.add(note("written before the deletion")).unwrap();
    let path = tmp.path().join(FILE_NAME);
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    assert!(!path.exists());

    let saved = store.add(note("written after the deletion"));
    match saved {
        Ok(_) => {
            let notice = store.take_notice().expect("the user is told the store was recreated");
            assert!(notice.contains("deleted"), "{notice}");
            assert_eq!(store.take_notice(), None, "told once");
            let fresh = Store::open(tmp.path()).unwrap();
            let on_disk = texts(&fresh);
            assert!(on_disk.contains(&"written after the deletion".to_string()), "{on_disk:?}");
            // Recreated from this session's copy: the earlier note is back too.
            assert!(on_disk.contains(&"written before the deletion".to_string()), "{on_disk:?}");
            assert_eq!(mode(&path), 0o600);
        }
        Err(e) => assert!(matches!(e, StoreError::Gone { .. }), "{e}"),
    }
}

#[test]
fn a_store_replaced_while_open_takes_the_write_at_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.add(note("in the first file")).unwrap();
    drop(Store::open(other.path()).unwrap());
    let path = tmp.path().join(FILE_NAME);
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    fs::rename(other.path().join(FILE_NAME), &path).unwrap();

    store.add(note("after the replacement")).unwrap();
    assert!(store.take_notice().is_some_and(|n| n.contains("replaced")));
    assert_eq!(texts(&Store::open(tmp.path()).unwrap()), ["after the replacement"]);
}

// ----- 6: changes by other processes can be noticed -----

#[test]
fn data_version_changes_when_another_handle_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let reader = Store::open(tmp.path()).unwrap();
    let writer = Store::open(tmp.path()).unwrap();
    let before = reader.data_version().unwrap();
    assert_eq!(reader.data_version().unwrap(), before, "stable while nothing happens");
    writer.add(note("from the command line")).unwrap();
    assert_ne!(reader.data_version().unwrap(), before);
}

// ----- 10: symlinked or foreign stores, open data directories -----

#[test]
fn a_symlinked_store_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("their-file");
    fs::write(&elsewhere, "").unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o700)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, data.join(FILE_NAME)).unwrap();
    let err = Store::open(&data).unwrap_err();
    assert!(matches!(err, StoreError::Unsafe { .. }), "{err}");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(fs::read(&elsewhere).unwrap(), b"", "the link's target is untouched");
}

#[test]
fn a_symlinked_side_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(Store::open(&data).unwrap());
    let elsewhere = tmp.path().join("their-log");
    fs::write(&elsewhere, "").unwrap();
    let wal = data.join(format!("{FILE_NAME}-wal"));
    let _ = fs::remove_file(&wal);
    std::os::unix::fs::symlink(&elsewhere, &wal).unwrap();
    let err = Store::open(&data).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
}

#[test]
fn a_store_of_another_user_is_refused() {
    if !is_root() {
        // Only root can give a file away; the check itself runs for everyone.
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(Store::open(&data).unwrap());
    let path = data.join(FILE_NAME);
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    let err = Store::open(&data).unwrap_err();
    assert!(err.to_string().contains("another user"), "{err}");
}

#[test]
fn a_data_dir_writable_by_others_is_refused_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    for open_mode in [0o777, 0o775, 0o1777] {
        fs::set_permissions(&data, fs::Permissions::from_mode(open_mode)).unwrap();
        let err = Store::open(&data).unwrap_err();
        assert!(matches!(err, StoreError::Unsafe { .. }), "{err}");
        assert!(err.to_string().contains("chmod 700"), "{err}");
        assert!(!data.join(FILE_NAME).exists(), "nothing is created there");
    }
}

#[test]
fn store_files_are_private_new_and_old() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = Store::open(&data).unwrap();
    store.add(note("private")).unwrap();
    assert_eq!(mode(&data), 0o700);
    for suffix in ["", "-wal", "-shm"] {
        let p = data.join(format!("{FILE_NAME}{suffix}"));
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    drop(store);
    // A store left readable by others (an older rroom, a copy) is made private.
    let path = data.join(FILE_NAME);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(&data).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(texts(&store), ["private"]);
}
