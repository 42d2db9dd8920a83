//! Atomic file writes: a reader sees the old file or the whole new one, never a part.
//!
//! A failed write (a full disk, a removed directory) removes its temporary file and leaves the
//! target as it was, so `--out` never holds a half-written result.

use std::fs::File;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same directory, flushed to disk,
/// then renamed over `path`. On error the temporary file is removed and `path` is untouched.
///
/// # Errors
/// The I/O error, with `path` in its message (`out/summary.json: No space left on device`).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_unnamed(path, bytes).map_err(|e| named(path, e))
}

/// `e` with `path` in front of its message.
fn named(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// As [`write`], for callers whose error names `path` itself: the error is the bare cause.
pub(crate) fn write_unnamed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// The steps of [`write`], with `fill` writing the bytes into the temporary file (tests pass a
/// `fill` that fails part-way, as a full disk does).
fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Dropped on every early return, which deletes the temporary file.
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    // Temporary files are created private (0600); results are for sharing, like any file
    // a tool writes (0644).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    // Through the `File`, not `NamedTempFile`'s `Write`, whose errors name the temporary path
    // (`at path "out/.tmpXyZ"`), which the user never sees and which is gone by then.
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A writer that takes `room` bytes and then fails as a full disk does (ENOSPC, raw OS error
/// 28): for tests of what a failed write leaves behind.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct FullDisk<W> {
    pub(crate) inner: W,
    pub(crate) room: usize,
}

#[cfg(test)]
impl<W: Write> Write for FullDisk<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::from_raw_os_error(28));
        }
        let n = self.inner.write(&buf[..buf.len().min(self.room)])?;
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::path::Path;

    use super::FullDisk;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        super::write(&path, b"first").unwrap();
        super::write(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644, "results are readable by others");
        }
    }

    #[test]
    fn an_unwritable_directory_is_an_error_naming_the_path() {
        let err = super::write(std::path::Path::new("/nonexistent-dir/x.json"), b"x").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir/x.json"));
    }

    /// Issue 7: a full disk is an error naming the file and the cause, with no temporary file
    /// left behind and the previous result byte-identical.
    #[test]
    fn a_full_disk_mid_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.json");
        super::write(&path, b"the old summary").unwrap();
        let new = vec![b'x'; 100_000];
        let err = super::write_with(&path, |file| {
            FullDisk {
                inner: file,
                room: 4096,
            }
            .write_all(&new)
        })
        .map_err(|e| super::named(&path, e))
        .unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        let msg = err.to_string();
        assert!(msg.starts_with(&format!("{}: ", path.display())), "{msg}");
        #[cfg(unix)]
        assert!(msg.contains("No space left on device"), "{msg}");
        assert!(!msg.contains("at path"), "names the temporary file: {msg}");
        assert_eq!(std::fs::read(&path).unwrap(), b"the old summary");
        assert_eq!(names(dir.path()), ["summary.json"]);
    }

    #[test]
    fn a_full_disk_on_a_new_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("throughput.png");
        let err = super::write_with(&path, |file| {
            FullDisk {
                inner: file,
                room: 0,
            }
            .write_all(b"png")
        })
        .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28));
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }
}
