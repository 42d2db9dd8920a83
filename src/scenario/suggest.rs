//! "Did you mean …?" for misspelled field and variant names.

/// Edit distance between two short strings (Levenshtein, by characters).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The known name closest to `found`, if it is close: same letters ignoring case, or at most
/// two edits (one for names shorter than four letters).
pub(crate) fn closest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = found.to_lowercase();
    if let Some(k) = known.iter().find(|k| k.to_lowercase() == lower) {
        return Some(k);
    }
    let limit = if found.chars().count() < 4 { 1 } else { 2 };
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_lowercase()), *k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_close_names_only() {
        let known = ["leads_per_week", "profile", "work_hours"];
        assert_eq!(closest("leads_per_wek", &known), Some("leads_per_week"));
        assert_eq!(closest("Profile", &known), Some("profile"));
        assert_eq!(closest("banana", &known), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(closest("Closr", &["Closer", "Scout"]), Some("Closer"));
    }
}
