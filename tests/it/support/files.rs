//! The fixtures under `tests/fixtures/`.

use std::path::{Path, PathBuf};

use weighup::bank::Bank;

/// The workshop room of answer sheets that the compare tests read.
pub const ROOM: &str = "tests/fixtures/compare/room";

/// A saved answer sheet from `tests/fixtures/sheets/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

/// Copies a folder of fixture sheets, filling in the bank version and hash where a sheet says
/// `CURRENT`, so the copies match the bank under test. With `deep`, sub-folders are copied
/// too.
pub fn copy_room(from: impl AsRef<Path>, to: &Path, bank: &Bank, deep: bool) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            if deep {
                copy_room(e.path(), &target, bank, deep);
            }
        } else {
            let bytes = std::fs::read(e.path()).unwrap();
            let bytes = match String::from_utf8(bytes) {
                Ok(text) => text
                    .replace(
                        "\"version\": \"CURRENT\"",
                        &format!("\"version\": \"{}\"", bank.meta.version),
                    )
                    .replace(
                        "\"hash\": \"CURRENT\"",
                        &format!("\"hash\": \"{}\"", bank.hash),
                    )
                    .into_bytes(),
                Err(e) => e.into_bytes(),
            };
            std::fs::write(target, bytes).unwrap();
        }
    }
}

/// A JSON file, parsed.
pub fn json(path: impl AsRef<Path>) -> serde_json::Value {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
