//! Atomic file writes: a reader sees the old file or the whole new one, never a part.
//!
//! A failed write (a full disk, a removed directory) removes its temporary file and leaves the
//! target as it was, so `--out` never holds a half-written result.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    // Dropped on every early return, which deletes the temporary file.
    let mut tmp = temporary(path)?;
    // Through the `File`, not `NamedTempFile`'s `Write`, whose errors name the temporary path
    // (`at path "out/.tmpXyZ"`), which the user never sees and which is gone by then.
    fill(tmp.as_file_mut())?;
    persist(tmp, path)
}

/// A new temporary file in `path`'s directory, readable by others (0644): results are for
/// sharing, like any file a tool writes, but temporary files are created private (0600). It is
/// named `.NAME.<random>.tmp` after the file it will become, so that one left by a killed process
/// (SIGKILL runs no clean-up) says what it was.
fn temporary(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    Ok(tmp)
}

/// Flushes `tmp` to disk and renames it over `path`.
fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> std::io::Result<()> {
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A file written piece by piece, for outputs too large to build in memory first
/// (`replications.csv` of 100,000 replications, issue 6), with the guarantee of [`write()`]:
/// the pieces go to a temporary file in the same directory, which [`AtomicFile::commit`]
/// flushes and renames over the target. Dropped without a commit (after an error), it removes
/// the temporary file and leaves the target as it was.
///
/// Unbuffered: wrap it in a buffer (a `csv::Writer` has one). Errors name the target path.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl AtomicFile {
    /// Starts writing `path`.
    ///
    /// # Errors
    /// The I/O error creating the temporary file, with `path` in its message.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let tmp = temporary(path).map_err(|e| named(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
        })
    }

    /// The file it will replace.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the file to disk and puts it in place of [`AtomicFile::path`].
    ///
    /// # Errors
    /// The I/O error, with the path in its message; the temporary file is then removed.
    pub fn commit(self) -> std::io::Result<()> {
        persist(self.tmp, &self.path).map_err(|e| named(&self.path, e))
    }
}

impl Write for AtomicFile {
    // Through the `File`, for the reason given in `write_with`.
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let path = &self.path;
        self.tmp
            .as_file_mut()
            .write(buf)
            .map_err(|e| named(path, e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let path = &self.path;
        self.tmp.as_file_mut().flush().map_err(|e| named(path, e))
    }
}

/// A writer that takes `room` bytes and then fails as a full disk does (ENOSPC, raw OS error
/// 28): for tests of what a failed write leaves behind.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct FullDisk<W> {
    pub(crate) inner: W,
    pub(crate) room: usize,
}

/// The names of the entries of `dir`, sorted: for tests that check what a write left behind.
#[cfg(test)]
pub(crate) fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a test directory can be read")
        .map(|e| {
            e.expect("a test directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
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

    use super::{FullDisk, file_names as names};

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
    fn a_file_being_written_is_a_hidden_temporary_named_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = super::AtomicFile::create(&dir.path().join("replications.csv")).unwrap();
        file.write_all(b"replication\n").unwrap();
        let during = names(dir.path());
        assert_eq!(during.len(), 1, "{during:?}");
        assert!(
            during[0].starts_with(".replications.csv.") && during[0].ends_with(".tmp"),
            "{during:?}"
        );
        file.commit().unwrap();
        assert_eq!(names(dir.path()), ["replications.csv"]);
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
    fn a_streamed_file_appears_whole_at_commit_with_the_usual_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("replications.csv");
        super::write(&path, b"old").unwrap();
        let mut file = super::AtomicFile::create(&path).unwrap();
        file.write_all(b"a,b\n").unwrap();
        file.write_all(b"1,2\n").unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"old",
            "in place before the commit"
        );
        assert_eq!(file.path(), path);
        file.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n1,2\n");
        assert_eq!(names(dir.path()), ["replications.csv"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    /// Issue 6: a streamed write abandoned after an error (here a full disk part-way) leaves
    /// neither a partial file nor a temporary one.
    #[test]
    fn an_abandoned_streamed_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("replications.csv");
        let mut disk = FullDisk {
            inner: super::AtomicFile::create(&path).unwrap(),
            room: 10,
        };
        let err = disk.write_all(&[b'x'; 100]).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28));
        assert_eq!(
            names(dir.path()).len(),
            1,
            "the temporary file while writing"
        );
        drop(disk);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
        let err = super::AtomicFile::create(&dir.path().join("gone/x.csv")).unwrap_err();
        assert!(err.to_string().contains("gone/x.csv"), "{err}");
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
