//! Streamed atomic writes of output files: a reader sees the old file or the whole new one.
//!
//! Unlike [`crate::report::atomic`], which writes bytes already in memory, this streams (a
//! `points.csv` of a million points is not built in memory), and the temporary file is a plain
//! `.NAME.tmp` next to the target: created like any file (so it gets the user's umask, and a
//! cluster's group can read the results) and reused by the next write if a kill left it behind.
//! A write that fails (a full disk) or is abandoned removes its temporary file, so the
//! directory holds the old target or nothing. One process writes one output directory at a
//! time.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::error::SweepError;

/// What an [`AtomicFile`] writes into: a [`File`], or in tests a writer around one that fails.
pub(crate) trait Sink: Write {
    /// Flushes the data to the disk (`fsync`).
    fn sync_all(&self) -> std::io::Result<()>;
}

impl Sink for File {
    fn sync_all(&self) -> std::io::Result<()> {
        File::sync_all(self)
    }
}

/// A file being written; [`AtomicFile::commit`] puts it in place. Dropped without a commit
/// (after an error), it removes its temporary file.
#[derive(Debug)]
pub(crate) struct AtomicFile<'a, W: Sink = File> {
    path: &'a Path,
    tmp: PathBuf,
    /// `None` once committed.
    out: Option<BufWriter<W>>,
}

impl<'a> AtomicFile<'a> {
    /// Starts writing `path`.
    pub(crate) fn new(path: &'a Path) -> Result<Self, SweepError> {
        AtomicFile::with_sink(path, |file| file)
    }
}

impl<'a, W: Sink> AtomicFile<'a, W> {
    /// Starts writing `path` through `sink(the temporary file)`.
    fn with_sink(path: &'a Path, sink: impl FnOnce(File) -> W) -> Result<Self, SweepError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.tmp"));
        let file = File::create(&tmp).map_err(SweepError::io(&tmp))?;
        Ok(AtomicFile {
            path,
            tmp,
            out: Some(BufWriter::new(sink(file))),
        })
    }

    /// Writes `text` and a newline.
    pub(crate) fn line(&mut self, text: &str) -> Result<(), SweepError> {
        let out = self
            .out
            .as_mut()
            .expect("an AtomicFile is used until its commit");
        out.write_all(text.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .map_err(SweepError::io(self.path))
    }

    /// Flushes the file to disk and renames it over the target.
    pub(crate) fn commit(mut self) -> Result<(), SweepError> {
        let out = self.out.take().expect("an AtomicFile is committed once");
        let done = out
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&self.tmp, self.path));
        // `self.out` is taken, so `drop` will not clean up: do it here.
        done.map_err(|e| {
            let _ = std::fs::remove_file(&self.tmp);
            SweepError::io(self.path)(e)
        })
    }
}

impl<W: Sink> Drop for AtomicFile<'_, W> {
    fn drop(&mut self) {
        if let Some(out) = self.out.take() {
            // Not committed: an error stopped the write. Close the file (its buffered rest is
            // discarded, not written) and remove it.
            drop(out.into_parts());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `text` (lines without their final newline) to `path` atomically.
pub(crate) fn write_text(path: &Path, text: &str) -> Result<(), SweepError> {
    let mut f = AtomicFile::new(path)?;
    f.line(text.strip_suffix('\n').unwrap_or(text))?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::atomic::{FullDisk, file_names as names};

    impl Sink for FullDisk<File> {
        fn sync_all(&self) -> std::io::Result<()> {
            self.inner.sync_all()
        }
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("points.csv");
        write_text(&path, "a\nb\n").unwrap();
        let mut f = AtomicFile::new(&path).unwrap();
        f.line("c").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "a\nb\n",
            "old until commit"
        );
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "c\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Writes `lines` lines of 100 bytes to `path` through a disk with `room` bytes free.
    fn write_on_full_disk(path: &Path, room: usize, lines: usize) -> SweepError {
        let mut f = AtomicFile::with_sink(path, |inner| FullDisk { inner, room }).unwrap();
        let line = "x".repeat(99);
        let written = (0..lines).try_for_each(|_| f.line(&line));
        match written.and_then(|()| f.commit()) {
            Ok(()) => panic!("{} bytes fit in {room}", lines * 100),
            Err(e) => e,
        }
    }

    fn assert_full_disk_error(e: &SweepError, path: &Path) {
        assert!(!e.is_bad_input(), "a full disk is exit status 1: {e}");
        let SweepError::Io {
            path: named,
            source,
        } = e
        else {
            panic!("not an I/O error: {e}");
        };
        assert_eq!(named, path);
        assert_eq!(source.raw_os_error(), Some(28));
        let msg = e.to_string();
        assert!(msg.starts_with(&format!("{}: ", path.display())), "{msg}");
        #[cfg(unix)]
        assert!(msg.contains("No space left on device"), "{msg}");
    }

    /// Issue 7: ENOSPC part-way through a large file (while lines are written, past the
    /// buffer) keeps the old file byte-identical and leaves no `.points.csv.tmp`.
    #[test]
    fn a_full_disk_while_streaming_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("points.csv");
        write_text(&path, "point,a\n0,1\n").unwrap();
        let e = write_on_full_disk(&path, 20_000, 1_000);
        assert_full_disk_error(&e, &path);
        assert_eq!(std::fs::read(&path).unwrap(), b"point,a\n0,1\n");
        assert_eq!(names(dir.path()), ["points.csv"]);
    }

    /// The same when the disk fills at the commit's final flush (a file smaller than the
    /// buffer), and for a target that did not exist.
    #[test]
    fn a_full_disk_at_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sweep.json");
        let e = write_on_full_disk(&path, 150, 3);
        assert_full_disk_error(&e, &path);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }
}
