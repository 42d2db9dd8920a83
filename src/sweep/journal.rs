//! The journal: the durable, append-only record of finished points.
//!
//! `journal.csv` is a CSV file: the header of `points.csv` plus a `check` column, then one
//! line per finished point in the order points finished. Each line is the point's
//! `points.csv` row, a comma and the row's checksum (16 hex digits, [`hex_of`]), then `\n`.
//!
//! # Durability
//!
//! A line is appended with one `write` under a lock and then `fsync`ed before the point counts
//! as done, so a point is either wholly in the journal or not at all, whether the process is
//! killed (`kill -9`, a Slurm time limit) or the machine loses power:
//!
//! - a kill can only leave the *last* line torn: without its `\n`, or (after a power loss)
//!   with bytes that fail its checksum. [`Journal::open`] cuts such a line off and the point
//!   is computed again; a bad line anywhere else is reported as corruption, never skipped;
//! - nothing is ever rewritten in place, so a finished point cannot be lost by a later crash.
//!
//! The journal scales to large grids: it is read as a stream, and only each row's position
//! ([`Entry`], 24 bytes a point) is kept in memory. One process writes one journal at a time.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::error::SweepError;
use super::hash::hex_of;

/// Where one finished point's row lies in a journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The point's index.
    pub index: u64,
    /// Byte offset of the row (the start of its line).
    pub offset: u64,
    /// Length of the row in bytes, without the checksum and the newline.
    pub len: u64,
}

/// A journal open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    file: File,
    end: u64,
    entries: Vec<Entry>,
}

/// The line that starts a journal whose rows have header `header`.
fn first_line(header: &str) -> String {
    format!("{header},check\n")
}

impl Journal {
    /// Opens the journal at `path`, creating it with `header` if it does not exist. An existing
    /// journal must have the same header; a torn last line is cut off. `valid` says which point
    /// indices may appear (this shard's).
    ///
    /// # Errors
    /// [`SweepError::Mismatch`] for another header, [`SweepError::Corrupt`] for a bad line
    /// that is not the last or a point that does not belong here, [`SweepError::Io`].
    pub fn open(
        path: &Path,
        header: &str,
        valid: &dyn Fn(u64) -> bool,
    ) -> Result<Journal, SweepError> {
        let io = SweepError::io(path);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        let scan = scan(&mut file, path, header, valid)?;
        let end = match scan.header_end {
            Some(_) => scan.good_end,
            None => {
                // New, or killed before its first line was whole: start it afresh.
                let first = first_line(header);
                file.set_len(0)
                    .and_then(|()| file.rewind())
                    .and_then(|()| file.write_all(first.as_bytes()))
                    .map_err(SweepError::io(path))?;
                sync_dir(path);
                first.len() as u64
            }
        };
        // Cut off a torn last line and append after the last good one.
        file.set_len(end)
            .and_then(|()| file.seek(SeekFrom::Start(end)))
            .and_then(|_| file.sync_data())
            .map_err(SweepError::io(path))?;
        Ok(Journal {
            path: path.to_path_buf(),
            inner: Mutex::new(Inner {
                file,
                end,
                entries: scan.entries,
            }),
        })
    }

    /// Reads the finished points of the journal at `path` without changing it (a torn last
    /// line is ignored). Returns the header and the entries in file order.
    ///
    /// # Errors
    /// As [`Journal::open`].
    pub fn read(
        path: &Path,
        valid: &dyn Fn(u64) -> bool,
    ) -> Result<(String, Vec<Entry>), SweepError> {
        let mut file = File::open(path).map_err(SweepError::io(path))?;
        let mut first = String::new();
        BufReader::new(&mut file)
            .read_line(&mut first)
            .map_err(SweepError::io(path))?;
        let header = first
            .strip_suffix(",check\n")
            .ok_or_else(|| SweepError::Corrupt {
                path: path.to_path_buf(),
                message: "not a salesim journal: the first line does not end with `,check`".into(),
            })?
            .to_string();
        file.rewind().map_err(SweepError::io(path))?;
        let scan = scan(&mut file, path, &header, valid)?;
        Ok((header, scan.entries))
    }

    /// Appends point `index`'s row and waits until it is on disk.
    ///
    /// # Errors
    /// [`SweepError::Io`]; the point then does not count as done. A failed write (a full
    /// disk) may have written part of the line: it is cut off again (best effort), so the
    /// journal stays whole lines and the next append, or a `--resume`, follows the last good
    /// line.
    pub fn append(&self, index: u64, row: &str) -> Result<(), SweepError> {
        debug_assert!(!row.contains('\n'), "a row is one line");
        let line = format!("{row},{}\n", hex_of(row));
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let written = inner
            .file
            .write_all(line.as_bytes())
            .and_then(|()| inner.file.sync_data());
        if let Err(e) = written {
            let end = inner.end;
            let _ = inner
                .file
                .set_len(end)
                .and_then(|()| inner.file.seek(SeekFrom::Start(end)));
            return Err(SweepError::io(&self.path)(e));
        }
        let offset = inner.end;
        inner.end += line.len() as u64;
        inner.entries.push(Entry {
            index,
            offset,
            len: row.len() as u64,
        });
        Ok(())
    }

    /// The finished points, in the order they finished.
    pub fn entries(&self) -> Vec<Entry> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.entries.clone()
    }
}

/// Reads the row of `entry` from `file`.
///
/// # Errors
/// [`SweepError::Io`] naming `path`.
pub fn read_row(file: &mut File, path: &Path, entry: Entry) -> Result<String, SweepError> {
    let mut buf = vec![0u8; entry.len as usize];
    file.seek(SeekFrom::Start(entry.offset))
        .and_then(|_| file.read_exact(&mut buf))
        .map_err(SweepError::io(path))?;
    String::from_utf8(buf).map_err(|_| SweepError::Corrupt {
        path: path.to_path_buf(),
        message: format!("the row of point {} is not UTF-8", entry.index),
    })
}

/// What a scan of a journal found.
struct Scan {
    /// Where the header line ends, if it is whole.
    header_end: Option<u64>,
    /// Where the last whole, valid line ends.
    good_end: u64,
    entries: Vec<Entry>,
}

/// Reads a journal from the start, checking every line.
fn scan(
    file: &mut File,
    path: &Path,
    header: &str,
    valid: &dyn Fn(u64) -> bool,
) -> Result<Scan, SweepError> {
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let n = reader
        .read_until(b'\n', &mut line)
        .map_err(SweepError::io(path))?;
    if n == 0 || !line.ends_with(b"\n") {
        let (header_end, good_end, entries) = (None, 0, Vec::new());
        return Ok(Scan {
            header_end,
            good_end,
            entries,
        });
    }
    if line != first_line(header).as_bytes() {
        return Err(SweepError::Mismatch {
            dir: path.to_path_buf(),
            message: "has other columns than this sweep (another sweep file or salesim version); \
                      use another --out"
                .into(),
        });
    }
    let (entries, good_end) = scan_rows(&mut reader, path, n as u64, valid)?;
    Ok(Scan {
        header_end: Some(n as u64),
        good_end,
        entries,
    })
}

/// Reads the rows after the header, which ends at `start`. Returns the entries and where the
/// last good line ends: a bad line is allowed only last (a torn write) and is left out.
fn scan_rows(
    reader: &mut impl BufRead,
    path: &Path,
    start: u64,
    valid: &dyn Fn(u64) -> bool,
) -> Result<(Vec<Entry>, u64), SweepError> {
    let corrupt = |line: u64, message: String| SweepError::Corrupt {
        path: path.to_path_buf(),
        message: format!("line {line}: {message}"),
    };
    let (mut entries, mut offset, mut number) = (Vec::new(), start, 1u64);
    let mut torn: Option<(u64, String)> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(SweepError::io(path))?;
        if n == 0 {
            return Ok((entries, offset));
        }
        number += 1;
        if let Some((at, why)) = torn.take() {
            return Err(corrupt(at, why));
        }
        match parse_line(&line) {
            Ok((index, len)) if valid(index) => entries.push(Entry { index, offset, len }),
            Ok((index, _)) => {
                let why = format!("point {index} does not belong to this sweep or shard");
                return Err(corrupt(number, why));
            }
            Err(why) => torn = Some((number, why)),
        }
        if torn.is_none() {
            offset += n as u64;
        }
    }
}

/// Checks one line: its newline, its checksum and its point index. Returns the index and the
/// row's length.
fn parse_line(line: &[u8]) -> Result<(u64, u64), String> {
    let text = std::str::from_utf8(line).map_err(|_| "not UTF-8".to_string())?;
    let body = text.strip_suffix('\n').ok_or("the line is cut off")?;
    let (row, check) = body.rsplit_once(',').ok_or("no checksum")?;
    if hex_of(row) != check {
        return Err("the checksum does not match".into());
    }
    let index = row
        .split(',')
        .next()
        .and_then(|i| i.parse::<u64>().ok())
        .ok_or("no point index")?;
    Ok((index, row.len() as u64))
}

/// Makes a new file's directory entry durable (best effort: not every platform can open a
/// directory, and a kill does not need it, only a power loss).
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "point,a,k_mean";

    fn all(_: u64) -> bool {
        true
    }

    #[test]
    fn rows_survive_reopening_and_a_torn_last_line_is_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.csv");
        let j = Journal::open(&path, HEADER, &all).unwrap();
        j.append(3, "3,1,0.5").unwrap();
        j.append(0, "0,0,").unwrap();
        drop(j);
        // A kill in the middle of a write leaves a line without its newline.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"1,0,0.7").unwrap();
        drop(f);
        let j = Journal::open(&path, HEADER, &all).unwrap();
        let idx: Vec<u64> = j.entries().iter().map(|e| e.index).collect();
        assert_eq!(idx, [3, 0]);
        j.append(1, "1,0,0.7").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 4, "{text}");
        let (header, entries) = Journal::read(&path, &all).unwrap();
        assert_eq!(header, HEADER);
        let mut f = File::open(&path).unwrap();
        assert_eq!(read_row(&mut f, &path, entries[2]).unwrap(), "1,0,0.7");
    }

    #[test]
    fn a_bad_checksum_is_torn_at_the_end_and_corruption_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.csv");
        let good = format!("{HEADER},check\n0,1,2,{}\n", hex_of("0,1,2"));
        std::fs::write(&path, format!("{good}1,1,2,0000000000000000\n")).unwrap();
        let j = Journal::open(&path, HEADER, &all).unwrap();
        assert_eq!(j.entries().len(), 1);
        drop(j);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), good);
        std::fs::write(
            &path,
            format!(
                "{good}1,1,2,0000000000000000\n{}",
                &good[HEADER.len() + 7..]
            ),
        )
        .unwrap();
        let e = Journal::open(&path, HEADER, &all).unwrap_err().to_string();
        assert!(e.contains("line 3: the checksum does not match"), "{e}");
    }

    #[test]
    fn another_header_or_a_foreign_point_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.csv");
        Journal::open(&path, HEADER, &all)
            .unwrap()
            .append(5, "5,1,2")
            .unwrap();
        let e = Journal::open(&path, "point,b,k_mean", &all).unwrap_err();
        assert!(e.to_string().contains("other columns"), "{e}");
        let e = Journal::open(&path, HEADER, &|i| i < 5).unwrap_err();
        assert!(e.to_string().contains("point 5 does not belong"), "{e}");
    }
}
