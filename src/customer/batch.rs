//! The audit entries of a bulk customer import: one entry per round of rows
//! (up to 20,000), not one per customer.
//!
//! An entry names every customer the round added or changed and which fields
//! (never their values), grouped by the set of fields, customers in file
//! order within a group:
//!
//! ```json
//! {"file": "customers.csv", "lines": [2, 20001],
//!  "added": [{"fields": ["code", "name", "birth_date", "email_pc"], "customers": ["3000000", …]}],
//!  "changed": [{"fields": ["email_pc"], "customers": ["1000137"]}]}
//! ```
//!
//! One entry of a few hundred KiB instead of 20,000 rows of the trail, each
//! with its indexes: what makes a million-row import on PostgreSQL cost about
//! what a bare `COPY` of the file does. [`about`] reads back what an entry
//! says of one customer (`acctsec log --customer`), [`summary`] what a
//! listing shows of it.

use serde_json::{Map, Value, json};

/// The action of a round's entry.
pub const ACTION: &str = "customer.import.batch";

/// The customers of one round, as they are added to the trail.
#[derive(Debug, Default)]
pub struct Batch {
    lines: Option<(u64, u64)>,
    added: Groups,
    changed: Groups,
}

/// Customers grouped by the fields written, groups in order of appearance.
#[derive(Debug, Default)]
struct Groups(Vec<(Vec<&'static str>, Vec<String>)>);

impl Groups {
    fn push(&mut self, code: String, fields: Vec<&'static str>) {
        match self.0.iter_mut().find(|(f, _)| *f == fields) {
            Some((_, codes)) => codes.push(code),
            None => self.0.push((fields, vec![code])),
        }
    }

    fn into_json(self) -> Value {
        Value::Array(
            self.0
                .into_iter()
                .map(|(fields, codes)| {
                    // (Moved in: `json!` would copy every code.)
                    let codes = codes.into_iter().map(Value::String).collect();
                    json!({ "fields": fields, "customers": Value::Array(codes) })
                })
                .collect(),
        )
    }
}

impl Batch {
    /// A row (at `line` of the file) that added customer `code` with these fields.
    pub fn added(&mut self, line: u64, code: String, fields: Vec<&'static str>) {
        self.line(line);
        self.added.push(code, fields);
    }

    /// A row that changed these fields of customer `code`.
    pub fn changed(&mut self, line: u64, code: String, fields: Vec<&'static str>) {
        self.line(line);
        self.changed.push(code, fields);
    }

    fn line(&mut self, line: u64) {
        self.lines = Some(match self.lines {
            None => (line, line),
            Some((first, last)) => (first.min(line), last.max(line)),
        });
    }

    /// Whether no customer was added or changed.
    pub fn is_empty(&self) -> bool {
        self.lines.is_none()
    }

    /// The entry's details, for rows read from `file`.
    pub fn details(self, file: &str) -> Value {
        let (first, last) = self.lines.unwrap_or_default();
        json!({
            "file": file,
            "lines": [first, last],
            "added": self.added.into_json(),
            "changed": self.changed.into_json(),
        })
    }
}

/// What a round's entry says of customer `code`: the file, the round's lines
/// and the fields added or changed (`{"file": …, "lines": […], "changed":
/// ["email_pc"]}`); `None` if it does not name them.
pub fn about(details: &Value, code: &str) -> Option<Value> {
    for kind in ["added", "changed"] {
        let groups = details.get(kind)?.as_array()?;
        for g in groups {
            let names = g
                .get("customers")
                .and_then(Value::as_array)
                .is_some_and(|cs| cs.iter().any(|c| c.as_str() == Some(code)));
            if names {
                let mut m = Map::new();
                m.insert(
                    "file".into(),
                    details.get("file").cloned().unwrap_or_default(),
                );
                m.insert(
                    "lines".into(),
                    details.get("lines").cloned().unwrap_or_default(),
                );
                m.insert(kind.into(), g.get("fields").cloned().unwrap_or_default());
                return Some(Value::Object(m));
            }
        }
    }
    None
}

/// A round's entry as a listing shows it: how many customers it added and
/// changed instead of their codes.
pub fn summary(details: &Value) -> Value {
    let count = |kind: &str| -> usize {
        details
            .get(kind)
            .and_then(Value::as_array)
            .map(|gs| {
                gs.iter()
                    .filter_map(|g| g.get("customers").and_then(Value::as_array))
                    .map(Vec::len)
                    .sum()
            })
            .unwrap_or(0)
    };
    json!({
        "file": details.get("file").cloned().unwrap_or_default(),
        "lines": details.get("lines").cloned().unwrap_or_default(),
        "added": count("added"),
        "changed": count("changed"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> Batch {
        let mut b = Batch::default();
        b.added(2, "100".into(), vec!["code", "name", "birth_date"]);
        b.changed(3, "101".into(), vec!["email_pc"]);
        b.added(4, "102".into(), vec!["code", "name", "birth_date", "phone"]);
        b.added(5, "103".into(), vec!["code", "name", "birth_date"]);
        b.changed(7, "phone".into(), vec!["phone"]);
        b
    }

    #[test]
    fn a_round_groups_customers_by_fields_in_file_order() {
        let b = batch();
        assert!(!b.is_empty());
        assert!(Batch::default().is_empty());
        let d = b.details("c.csv");
        assert_eq!(
            d.to_string(),
            r#"{"file":"c.csv","lines":[2,7],"added":[{"fields":["code","name","birth_date"],"customers":["100","103"]},{"fields":["code","name","birth_date","phone"],"customers":["102"]}],"changed":[{"fields":["email_pc"],"customers":["101"]},{"fields":["phone"],"customers":["phone"]}]}"#
        );
    }

    #[test]
    fn about_reads_back_one_customer_exactly() {
        let d = batch().details("c.csv");
        assert_eq!(
            about(&d, "103").unwrap().to_string(),
            r#"{"file":"c.csv","lines":[2,7],"added":["code","name","birth_date"]}"#
        );
        assert_eq!(
            about(&d, "101").unwrap().to_string(),
            r#"{"file":"c.csv","lines":[2,7],"changed":["email_pc"]}"#
        );
        // A code that is also a field name is found as a customer only.
        assert_eq!(
            about(&d, "phone").unwrap().to_string(),
            r#"{"file":"c.csv","lines":[2,7],"changed":["phone"]}"#
        );
        assert!(about(&d, "10").is_none());
        assert!(about(&d, "name").is_none());
        assert!(about(&json!({"unexpected": 1}), "100").is_none());
    }

    #[test]
    fn the_summary_counts() {
        assert_eq!(
            summary(&batch().details("c.csv")).to_string(),
            r#"{"file":"c.csv","lines":[2,7],"added":3,"changed":2}"#
        );
    }
}
