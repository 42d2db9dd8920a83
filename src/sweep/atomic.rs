//! Streamed atomic writes of output files: a reader sees the old file or the whole new one.
//!
//! Unlike [`crate::report::atomic`], which writes bytes already in memory, this streams (a
//! `points.csv` of a million points is not built in memory), and the temporary file is a plain
//! `.NAME.tmp` next to the target: created like any file (so it gets the user's umask, and a
//! cluster's group can read the results) and reused by the next write if a kill left it behind.
//! One process writes one output directory at a time.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::error::SweepError;

/// A file being written; [`AtomicFile::commit`] puts it in place.
#[derive(Debug)]
pub(crate) struct AtomicFile<'a> {
    path: &'a Path,
    tmp: PathBuf,
    out: BufWriter<File>,
}

impl<'a> AtomicFile<'a> {
    /// Starts writing `path`.
    pub(crate) fn new(path: &'a Path) -> Result<Self, SweepError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.tmp"));
        let file = File::create(&tmp).map_err(SweepError::io(&tmp))?;
        Ok(AtomicFile {
            path,
            tmp,
            out: BufWriter::new(file),
        })
    }

    /// Writes `text` and a newline.
    pub(crate) fn line(&mut self, text: &str) -> Result<(), SweepError> {
        self.out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(SweepError::io(self.path))
    }

    /// Flushes the file to disk and renames it over the target.
    pub(crate) fn commit(self) -> Result<(), SweepError> {
        let (path, tmp) = (self.path, self.tmp);
        let file = self.out.into_inner().map_err(|e| SweepError::Io {
            path: path.to_path_buf(),
            source: e.into_error(),
        })?;
        file.sync_all().map_err(SweepError::io(path))?;
        std::fs::rename(&tmp, path).map_err(SweepError::io(path))
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
}
