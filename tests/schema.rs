//! One logical schema: both backends' migrations give the same tables and
//! columns (types mapped, nullability alike), and `ledger copy` copies
//! every column of every table. Needs both backends: it runs in the test
//! runner's PostgreSQL pass (a SQLite ledger is made beside).

mod common;

use std::collections::BTreeMap;

use common::Env;

/// table -> columns in order: (name, type as the backends agree on it, not null)
type Schema = BTreeMap<String, Vec<(String, &'static str, bool)>>;

/// The type both backends agree on, from SQLite's (STRICT tables) or
/// PostgreSQL's name for it.
fn mapped(t: &str) -> &'static str {
    match t.to_ascii_lowercase().as_str() {
        "integer" | "int" | "bigint" | "smallint" | "int8" | "int4" | "bigserial" => "integer",
        "boolean" | "bool" => "boolean",
        "text" | "character varying" | "varchar" => "text",
        "bytea" | "blob" => "bytes",
        other => panic!("a column type neither backend should use: {other}"),
    }
}

fn sqlite_schema(path: &std::path::Path) -> Schema {
    let c = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut s = Schema::new();
    for t in tables {
        let cols = c
            .prepare(&format!("PRAGMA table_info({t})"))
            .unwrap()
            .query_map([], |r| {
                let name: String = r.get(1)?;
                let ty: String = r.get(2)?;
                let notnull: bool = r.get(3)?;
                let pk: i64 = r.get(5)?;
                Ok((name, ty, notnull || pk > 0))
            })
            .unwrap()
            .map(Result::unwrap)
            .map(|(n, t, nn)| (n, mapped(&t), nn))
            .collect();
        s.insert(t, cols);
    }
    s
}

fn pg_schema(env: &Env) -> Schema {
    let rows = env.sql_rows(
        "SELECT CAST(c.table_name AS TEXT), CAST(c.column_name AS TEXT), CAST(c.data_type AS TEXT),
                CAST(c.is_nullable AS TEXT)
           FROM information_schema.columns c
           JOIN information_schema.tables t
             ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          ORDER BY c.table_name, c.ordinal_position",
        &[],
    );
    let mut s = Schema::new();
    for r in rows {
        let (t, n, ty, nullable) = (
            r[0].clone().unwrap(),
            r[1].clone().unwrap(),
            r[2].clone().unwrap(),
            r[3].clone().unwrap(),
        );
        s.entry(t)
            .or_default()
            .push((n, mapped(&ty), nullable == "NO"));
    }
    s
}

#[test]
fn both_backends_migrate_to_one_schema_and_ledger_copy_takes_every_column() {
    pg_only!();
    let pg = Env::with_ledger();
    let mut pg_s = pg_schema(&pg);
    // The version of the schema is kept by each backend its own way
    // (PRAGMA user_version on SQLite).
    assert!(pg_s.remove("acctsec_schema").is_some(), "{pg_s:?}");
    let file = pg.path("beside.db");
    let made = pg
        .cmd()
        .env("ACCTSEC_DB", &file)
        .arg("init")
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let sq_s = sqlite_schema(&file);
    let names = |s: &Schema| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&sq_s), names(&pg_s), "the same tables");
    let mut differ = Vec::new();
    for (t, sq_cols) in &sq_s {
        // Compared by name: a column added later may stand in another
        // place (every query names its columns).
        let sorted = |c: &Vec<(String, &'static str, bool)>| {
            let mut c = c.clone();
            c.sort();
            c
        };
        let (sq_cols, pg_cols) = (sorted(sq_cols), sorted(&pg_s[t]));
        if sq_cols != pg_cols {
            differ.push(format!(
                "{t}:\n  sqlite   {sq_cols:?}\n  postgres {pg_cols:?}"
            ));
        }
    }
    assert!(differ.is_empty(), "columns differ:\n{}", differ.join("\n"));
    // `ledger copy` copies every table, every column.
    let copied: BTreeMap<&str, Vec<&str>> = acctsec::ledger::COPIED_TABLES
        .iter()
        .map(|(t, cols)| (*t, cols.split(',').map(str::trim).collect()))
        .collect();
    for (t, cols) in &sq_s {
        let want: Vec<&str> = cols.iter().map(|(n, _, _)| n.as_str()).collect();
        let mut have = copied
            .get(t.as_str())
            .unwrap_or_else(|| panic!("ledger copy does not copy table {t}"))
            .clone();
        let mut want_sorted = want.clone();
        have.sort();
        want_sorted.sort();
        assert_eq!(have, want_sorted, "ledger copy's columns of {t}");
    }
    assert_eq!(
        copied.len(),
        sq_s.len(),
        "ledger copy names a table no backend has"
    );
}
