//! Finding the latest unfinished sheet at start-up without reading the whole data folder.

use std::path::Path;
use std::time::{Duration, SystemTime};

use weighup::persist;

use crate::support::files::fixture;

/// Copies a fixture to `dir/name` with a modification time `age` seconds in the past.
fn put(dir: &Path, fixture_name: &str, name: &str, age: u64) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::copy(fixture(fixture_name), &p).unwrap();
    let f = std::fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(age))
        .unwrap();
    p
}

#[test]
fn the_newest_unfinished_sheet_is_found_and_links_are_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "unfinished.json", "old.json", 500);
    let newer = put(dir.path(), "unfinished.json", "newer.json", 100);
    put(dir.path(), "complete.json", "done.json", 10);
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("z.json")).unwrap();
    assert_eq!(persist::latest_unfinished(dir.path()), Some(newer));
}

#[test]
fn only_the_most_recently_saved_files_are_looked_at() {
    let dir = tempfile::tempdir().unwrap();
    let old = put(dir.path(), "unfinished.json", "old.json", 100_000);
    for i in 0..persist::RESUME_SCAN {
        put(
            dir.path(),
            "complete.json",
            &format!("done-{i}.json"),
            10 + i as u64,
        );
    }
    assert_eq!(persist::latest_unfinished(dir.path()), None);
    // The index names it: found at once, however many newer files there are.
    std::fs::write(dir.path().join(persist::LATEST_INDEX), "old.json\n").unwrap();
    assert_eq!(persist::latest_unfinished(dir.path()), Some(old.clone()));
    // A stale index (the sheet it names is finished now) is passed over.
    std::fs::copy(fixture("complete.json"), &old).unwrap();
    let fresh = put(dir.path(), "unfinished.json", "fresh.json", 1);
    assert_eq!(persist::latest_unfinished(dir.path()), Some(fresh));
    // An index naming a path outside the folder is ignored.
    std::fs::write(dir.path().join(persist::LATEST_INDEX), "../x.json\n").unwrap();
    assert_eq!(
        persist::latest_unfinished(dir.path()),
        Some(dir.path().join("fresh.json"))
    );
}

#[test]
fn saving_in_the_data_folder_keeps_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.json");
    let run = |input: &str| {
        crate::support::cmd::weighup()
            .env("WEIGHUP_DATA_DIR", dir.path())
            .env("HOME", dir.path())
            .args(["--plain", "--out"])
            .arg(&out)
            .write_stdin(input.to_string())
            .output()
            .unwrap()
    };
    run("1\nquit\n");
    let index = dir.path().join(persist::LATEST_INDEX);
    assert_eq!(std::fs::read_to_string(&index).unwrap(), "mine.json\n");
    // Finished: the entry goes.
    let _ = crate::support::cmd::weighup()
        .env("WEIGHUP_DATA_DIR", dir.path())
        .env("HOME", dir.path())
        .args(["--plain", "--resume"])
        .arg(&out)
        .write_stdin("1\n".repeat(80))
        .output()
        .unwrap();
    assert!(!index.exists());
}
