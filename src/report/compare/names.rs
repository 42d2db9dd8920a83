//! Unique scenario names: the keys of a comparison's `"diff"` object and its CSV rows.

/// The scenarios' names made unique, in the given order; each entry of `scenarios` is
/// `(name, file stem)`.
///
/// A name used once is kept. Names used more than once get their file's stem in parentheses
/// (`Team (a)`, `Team (b)` for `a.ron` and `b.ron`); if that still leaves duplicates (the same
/// file twice, or equal stems in different directories), those get their 1-based position on
/// the command line too (`Team (a) #1`, `Team (a) #3`).
///
/// # Example
/// ```
/// use salesim::report::compare::unique_names;
/// let s = |n: &str, f: &str| (n.to_string(), f.to_string());
/// let names = unique_names(&[s("Team", "a"), s("Other", "x"), s("Team", "b")]);
/// assert_eq!(names, ["Team (a)", "Other", "Team (b)"]);
/// ```
pub fn unique_names(scenarios: &[(String, String)]) -> Vec<String> {
    let plain: Vec<String> = scenarios.iter().map(|(name, _)| name.clone()).collect();
    let mut names: Vec<String> = scenarios
        .iter()
        .map(|(name, stem)| match count(&plain, name) {
            1 => name.clone(),
            _ => format!("{name} ({stem})"),
        })
        .collect();
    // Each pass appends distinct positions to the names still colliding; one pass settles
    // everything but names crafted to collide with the suffixes, so the bound never binds.
    for _ in 0..scenarios.len() {
        if (0..names.len()).all(|i| count(&names, &names[i]) == 1) {
            break;
        }
        let before = names.clone();
        for (i, name) in names.iter_mut().enumerate() {
            if count(&before, name) > 1 {
                name.push_str(&format!(" #{}", i + 1));
            }
        }
    }
    names
}

/// How many of `names` equal `name`.
fn count(names: &[String], name: &str) -> usize {
    names.iter().filter(|n| *n == name).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn distinct_names_are_kept() {
        let names = unique_names(&pairs(&[("A", "a"), ("B", "a")]));
        assert_eq!(names, ["A", "B"]);
    }

    #[test]
    fn the_same_file_twice_gets_positions() {
        let names = unique_names(&pairs(&[("T", "s"), ("U", "u"), ("T", "s")]));
        assert_eq!(names, ["T (s) #1", "U", "T (s) #3"]);
    }

    #[test]
    fn names_crafted_to_collide_still_end_unique() {
        let names = unique_names(&pairs(&[("T (s)", "x"), ("T", "s"), ("T", "s")]));
        for n in &names {
            assert_eq!(count(&names, n), 1, "{names:?}");
        }
    }
}
