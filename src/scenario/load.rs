//! Reading and parsing scenario files, with errors that point at the offending text.

use std::path::Path;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use super::error::ScenarioError;
use super::schema::Scenario;
use super::suggest::closest;

/// Files larger than this are refused before they are read whole (bytes).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The RON options of scenario files: `implicit_some`, so `abandon_after_hours: 24` means
/// `Some(24)` (writing `Some(24)` works too).
pub(crate) fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses a scenario from `text`; `file` names it in errors.
///
/// # Errors
/// [`ScenarioError::Syntax`] with the line, column, offending line and, for a misspelled field
/// or variant, a suggestion.
pub fn parse_str(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    options()
        .from_str::<Scenario>(text)
        .map_err(|e| syntax_error(text, file, &e))
}

/// Reads and parses the scenario file at `path`.
///
/// # Errors
/// [`ScenarioError::Io`] if the file cannot be read or is over [`MAX_FILE_BYTES`]; otherwise as
/// [`parse_str`].
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = read_text(path)?;
    parse_str(&text, &path.display().to_string())
}

/// Reads `path` whole (a scenario or sweep file), refusing files over [`MAX_FILE_BYTES`] and
/// non-UTF-8 text before reading them.
///
/// # Errors
/// [`ScenarioError::Io`] naming the file.
pub fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let io = |message: String| ScenarioError::Io {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| io(e.to_string().to_lowercase()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(io(format!(
            "file is {} bytes; scenario and sweep files may be at most {MAX_FILE_BYTES} bytes",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| io(e.to_string().to_lowercase()))?;
    String::from_utf8(bytes).map_err(|e| io(format!("not UTF-8 text: {e}")))
}

/// Schema type names as they appear in RON's messages, and the names users write.
const SECTION_NAMES: [(&str, &str); 13] = [
    ("`CalendarSpec`", "`calendar`"),
    ("`InboundSpec`", "`inbound`"),
    ("`OutboundSpec`", "`outbound`"),
    ("`WinProbSpec`", "`deals.win_prob`"),
    ("`DealsSpec`", "`deals`"),
    ("`CustomersSpec`", "`customers`"),
    ("`HandoffSpec`", "`work.handoff`"),
    ("`WorkSpec`", "`work`"),
    ("`PeopleSpec`", "`people`"),
    ("`ClaritySpec`", "`clarity`"),
    ("`TeamEntrySpec`", "a team entry"),
    ("`SkillSpec`", "a skill curve"),
    ("`RoleSpec`", "`role`"),
];

/// Turns RON's error into ours: position, message, snippet, and a "did you mean" hint.
pub(crate) fn syntax_error(text: &str, file: &str, e: &SpannedError) -> ScenarioError {
    let (line, column) = (e.span.start.line.max(1), e.span.start.col.max(1));
    let hint = match &e.code {
        RonError::NoSuchStructField {
            expected, found, ..
        } => closest(found, expected).map(|k| format!("did you mean `{k}`?")),
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => closest(found, expected).map(|k| format!("did you mean `{k}`?")),
        RonError::ExpectedComma => name_given_a_value(text, line, column),
        _ => None,
    };
    // Name sections as the user writes them (`inbound`), not by the schema's type names.
    let mut message = e.code.to_string();
    for (ty, section) in SECTION_NAMES {
        message = message.replace(ty, section);
    }
    if let Some(first) = message.get(..1) {
        message = first.to_lowercase() + &message[1..];
    }
    ScenarioError::Syntax {
        file: file.to_string(),
        line,
        column,
        message,
        hint,
        snippet: snippet(text, line, column),
    }
}

/// When RON stops at a `(` right after a capitalised name (`Flat(1)`, `Priority(block_hours:
/// 2)`), the name is a choice that takes no value there: RON only says it expected a comma.
fn name_given_a_value(text: &str, line: usize, column: usize) -> Option<String> {
    let source: Vec<char> = text.lines().nth(line - 1)?.chars().collect();
    let at = column - 1;
    if source.get(at) != Some(&'(') {
        return None;
    }
    let start = source[..at]
        .iter()
        .rposition(|c| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |i| i + 1);
    let name: String = source[start..at].iter().collect();
    name.starts_with(|c: char| c.is_uppercase()).then(|| {
        format!("`{name}` takes no value here: write `{name}` alone (`salesim init` shows every field's forms)")
    })
}

/// The line `line` of `text` with a caret under `column`, rustc style.
fn snippet(text: &str, line: usize, column: usize) -> String {
    let Some(source) = text.lines().nth(line - 1) else {
        return String::new();
    };
    let source: String = source.chars().take(200).collect();
    let width = line.to_string().len();
    let pad = " ".repeat(width);
    let caret_at = source
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' });
    format!(
        "{pad} |\n{line} | {source}\n{pad} | {}^",
        caret_at.collect::<String>()
    )
}
