//! The customer master (issue 3): import from the core system's CSV (every
//! birth-date form, Shift_JIS, bad rows, CRLF, re-import, dry run), masking
//! in `show` and `list`, `--unmask` auditing, filters, and email changes.

mod common;

use common::{Env, export_outbox as exported, fixture};
use serde_json::Value;

/// The ledger's bytes, and its WAL's if one was left behind.
fn snapshot(env: &Env) -> (Vec<u8>, Option<Vec<u8>>) {
    if common::on_pg() {
        // On PostgreSQL: every row of every table.
        return (env.contents(), None);
    }
    let wal = env.path("ledger.db-wal");
    (
        std::fs::read(env.db()).unwrap(),
        std::fs::read(wal).ok().filter(|w| !w.is_empty()),
    )
}

fn customers_in_ledger(env: &Env) -> i64 {
    env.sql_i64("SELECT count(*) FROM customer", &[])
}

fn show_unmasked(env: &Env, code: &str) -> Value {
    env.run(&["--format", "json", "customer", "show", code, "--unmask"])
        .ok()
        .json()
}

fn import_json(env: &Env, file: &std::path::Path, extra: &[&str]) -> Value {
    let f = file.display().to_string();
    let mut args = vec!["--format", "json", "customer", "import", &f];
    args.extend_from_slice(extra);
    env.run(&args).ok().json()
}

fn log(env: &Env, action: &str) -> Vec<Value> {
    env.run(&["--format", "json", "log", "--action", action])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

/// What the round entries of bulk imports say of customer `code`, oldest
/// first, as `log --customer` shows them.
fn imports_of(env: &Env, code: &str) -> Vec<Value> {
    let entries = env
        .run(&[
            "--format",
            "json",
            "log",
            "--customer",
            code,
            "--action",
            "customer.import.batch",
        ])
        .ok()
        .json();
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["customer"], code, "{e}");
            e["details"].clone()
        })
        .collect()
}

/// How many customers the round entries of bulk imports added and changed.
fn import_counts(env: &Env) -> (usize, usize) {
    let count = |d: &Value, kind: &str| -> usize {
        d[kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["customers"].as_array().unwrap().len())
            .sum()
    };
    log(env, "customer.import.batch")
        .iter()
        .fold((0, 0), |(a, c), e| {
            (
                a + count(&e["details"], "added"),
                c + count(&e["details"], "changed"),
            )
        })
}

#[test]
fn every_birth_date_form_is_stored_as_iso() {
    let env = Env::with_cheap_ledger();
    let cases = [
        ("D01", "1980-01-15", "1980-01-15"),
        ("D02", "1980/01/15", "1980-01-15"),
        ("D03", "19800115", "1980-01-15"),
        ("D04", "S55.1.15", "1980-01-15"),
        ("D05", "H2/3/4", "1990-03-04"),
        ("D06", "昭和55年1月15日", "1980-01-15"),
        ("D07", "令和元年5月1日", "2019-05-01"),
        // The last day of Showa and the first of Heisei.
        ("D08", "昭和64年1月7日", "1989-01-07"),
        ("D09", "平成元年1月8日", "1989-01-08"),
        // The last day of Heisei.
        ("D10", "平成31年4月30日", "2019-04-30"),
        ("D11", "1980/1/5", "1980-01-05"),
        ("D12", "Ｓ５５．１．１５", "1980-01-15"),
    ];
    let mut csv = String::from("code,name,birth_date\n");
    for (code, date, _) in cases {
        csv.push_str(&format!("{code},名前 {code},{date}\n"));
    }
    let f = env.write("dates.csv", csv);
    let j = import_json(&env, &f, &[]);
    assert_eq!(j["added"], cases.len());
    for (code, date, iso) in cases {
        let c = show_unmasked(&env, code);
        assert_eq!(c["birth_date"], iso, "{date}");
        // Masked, the year is hidden.
        let m = env
            .run(&["--format", "json", "customer", "show", code])
            .ok()
            .json();
        assert_eq!(m["birth_date"], format!("****{}", &iso[4..]), "{date}");
    }
    // Stored as ISO in the ledger itself.
    let stored: String = env.sql_text("SELECT birth_date FROM customer WHERE code = 'D06'", &[]);
    assert_eq!(stored, "1980-01-15");
}

#[test]
fn dates_outside_their_era_are_rejected() {
    let env = Env::with_cheap_ledger();
    let before = snapshot(&env);
    let f = env.write(
        "eras.csv",
        "code,name,birth_date\n\
         E1,a,平成31年5月1日\n\
         E2,b,昭和64年1月8日\n\
         E3,c,令和元年4月30日\n\
         E4,d,H31.5.1\n\
         E5,e,昭和64年1月7日\n",
    );
    let r = env
        .run(&["customer", "import", &f.display().to_string()])
        .status(65);
    let err = r.stderr();
    for line in 2..=5 {
        assert!(
            err.contains(&format!("eras.csv:{line}: column birth_date:")),
            "line {line}:\n{err}"
        );
    }
    assert!(
        !err.contains("eras.csv:6:"),
        "昭和64年1月7日 is valid:\n{err}"
    );
    assert!(err.contains("outside the Heisei era"), "{err}");
    assert!(err.contains("outside the Showa era"), "{err}");
    assert!(err.contains("outside the Reiwa era"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(
        snapshot(&env),
        before,
        "a rejected import changed the ledger"
    );
    assert_eq!(customers_in_ledger(&env), 0);
}

#[test]
fn shift_jis_needs_the_flag_and_then_reads_kanji() {
    let env = Env::with_cheap_ledger();
    let sjis = fixture("customers-sjis.csv").display().to_string();
    let before = snapshot(&env);
    let r = env.run(&["customer", "import", &sjis]).status(65);
    assert!(r.stderr().contains("--encoding sjis"), "{}", r.stderr());
    assert!(r.stderr().contains("UTF-8"), "{}", r.stderr());
    assert_eq!(snapshot(&env), before);

    let j = env
        .run(&[
            "--format",
            "json",
            "customer",
            "import",
            &sjis,
            "--encoding",
            "sjis",
        ])
        .ok()
        .json();
    assert_eq!(j["added"], 30);
    assert_eq!(show_unmasked(&env, "1000100")["name"], "佐藤 太郎");
    assert_eq!(show_unmasked(&env, "1000359")["name"], "中村 さくら");
    let c = show_unmasked(&env, "1000692");
    assert_eq!(c["name"], "木村 花子");
    assert_eq!(c["birth_date"], "1997-08-06"); // 平成9年8月6日
    // The UTF-8 original holds exactly the same data.
    let j = import_json(&env, &fixture("customers.csv"), &[]);
    assert_eq!(
        (
            j["added"].as_u64(),
            j["changed"].as_u64(),
            j["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(30)),
        "{j}"
    );
    // `cp932` and `shift_jis` are accepted spellings.
    env.run(&[
        "customer",
        "import",
        &sjis,
        "--encoding",
        "cp932",
        "--dry-run",
    ])
    .ok();
}

#[test]
fn every_bad_row_is_reported_with_line_and_column_and_nothing_is_written() {
    let env = Env::with_customers();
    let before = snapshot(&env);
    let outbox_before = env
        .run(&["notify", "outbox", "--format", "json"])
        .ok()
        .stdout();
    let csv = "code,name,birth_date,phone,mobile_phone,email_pc,email_mobile,login_hash\n\
         1000100,佐藤 太郎,1990-04-10,,,changed@example.jp,,\n\
         B2,,1990-01-01,,,,,\n\
         B-3,名前,1990-01-01,,,,,\n\
         B4,名前,2023-02-29,,,,,\n\
         B5,名前,2099-01-01,,,,,\n\
         B6,名前,1990-01-01,,,taro@@example.jp,,\n\
         B7,名前,1990-01-01,12345,,,,\n\
         B8,名前,1990-01-01,,,,,$9$nonsense\n\
         B9,\"山田\x1b[31m太郎\",1990-01-01,,,,,\n\
         B10,名前,1990-01-01,,,,,\n\
         B10,名前,1990-01-01,,,,,\n\
         B12,名前,,,,,,\n\
         B13,名前,1990-01-01,,abc,,ｔａｒｏ＠example.jp,\n\
         B14,名前,1990-01-01,,,,,\n";
    let f = env.write("bad.csv", csv);
    let r = env
        .run(&["customer", "import", &f.display().to_string()])
        .status(65);
    let err = r.stderr();
    let expected = [
        (3, "name"),
        (4, "code"),
        (5, "birth_date"),
        (6, "birth_date"),
        (7, "email_pc"),
        (8, "phone"),
        (9, "login_hash"),
        (10, "name"),
        (12, "code"),
        (13, "birth_date"),
        (14, "mobile_phone"),
        (14, "email_mobile"),
    ];
    for (line, col) in expected {
        assert!(
            err.contains(&format!("bad.csv:{line}: column {col}:")),
            "line {line} column {col} not reported:\n{err}"
        );
    }
    // Good rows are not reported.
    for line in [2, 11, 15] {
        assert!(!err.contains(&format!("bad.csv:{line}:")), "{err}");
    }
    // Reasons that say what is wrong.
    for reason in [
        "required",
        "invalid character '-'",
        "not a real date",
        "in the future",
        "duplicate customer code (first seen on line 11)",
        "5 digits",
        "login_hash",
        "control character",
    ] {
        assert!(err.contains(reason), "no {reason:?}:\n{err}");
    }
    assert!(!err.as_bytes().contains(&0x1b), "ESC echoed:\n{err:?}");
    assert!(r.stdout().is_empty(), "{}", r.stdout());
    // Nothing at all was written: not the good rows, not the email change.
    assert_eq!(snapshot(&env), before, "the ledger file changed");
    assert_eq!(
        env.run(&["notify", "outbox", "--format", "json"])
            .ok()
            .stdout(),
        outbox_before
    );
    // A dry run reports the same.
    let dry = env
        .run(&["customer", "import", &f.display().to_string(), "--dry-run"])
        .status(65);
    assert_eq!(dry.stderr(), err);
    assert_eq!(snapshot(&env), before);
}

#[test]
fn header_problems_are_reported_and_nothing_is_written() {
    let env = Env::with_customers();
    let before = snapshot(&env);
    let f = env.write(
        "cols.csv",
        "code,name,birth_date,fax,email\n1000100,佐藤 太郎,1990-04-10,,\n",
    );
    let r = env
        .run(&["customer", "import", &f.display().to_string()])
        .status(65);
    let err = r.stderr();
    assert!(err.contains("cols.csv:1:"), "{err}");
    assert!(err.contains("unknown column \"fax\""), "{err}");
    assert!(err.contains("unknown column \"email\""), "{err}");
    assert!(err.contains("email_pc"), "names the valid columns: {err}");
    let f = env.write("missing.csv", "code,name\nA1,x\n");
    env.run(&["customer", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("birth_date");
    // A ragged row is bad input too, with its line.
    let f = env.write(
        "ragged.csv",
        "code,name,birth_date\nA1,x,1990-01-01\nA2,x\n",
    );
    env.run(&["customer", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("ragged.csv:3:");
    // A file that does not exist is an I/O error, not bad data.
    env.run(&["customer", "import", "nope.csv"]).status(74);
    assert_eq!(snapshot(&env), before);
}

#[test]
fn crlf_lines_and_quoted_fields_with_commas() {
    let env = Env::with_cheap_ledger();
    let csv = "\u{feff}code,name,birth_date,email_pc,phone\r\n\
               Q1,\"山田, 太郎\",S55.1.15,\" Taro.Yamada@Example.CO.JP \",\"03-1234-5678\"\r\n\
               Q2,\"Smith, \"\"J\"\"\",1990/2/3,,\"(03) 1234 5678\"\r\n";
    let f = env.write("crlf.csv", csv);
    let j = import_json(&env, &f, &[]);
    assert_eq!(j["added"], 2);
    let q1 = show_unmasked(&env, "Q1");
    assert_eq!(q1["name"], "山田, 太郎");
    assert_eq!(q1["birth_date"], "1980-01-15");
    assert_eq!(q1["email_pc"], "Taro.Yamada@example.co.jp");
    assert_eq!(q1["phones"], serde_json::json!(["0312345678"]));
    let q2 = show_unmasked(&env, "Q2");
    assert_eq!(q2["name"], "Smith, \"J\"");
    assert_eq!(q2["phones"], serde_json::json!(["0312345678"]));
    // Line numbers stay right after CRLF and after a quoted newline.
    let f = env.write(
        "crlf-bad.csv",
        "code,name,birth_date\r\nA1,x,1990-01-01\r\nA2,\"two\r\nlines\",1990-01-01\r\nA3,x,1990-13-01\r\n",
    );
    let err = env
        .run(&["customer", "import", &f.display().to_string()])
        .status(65)
        .stderr();
    assert!(err.contains("crlf-bad.csv:3: column name:"), "{err}");
    assert!(err.contains("crlf-bad.csv:5: column birth_date:"), "{err}");
}

#[test]
fn reimport_counts_added_changed_unchanged() {
    let env = Env::with_customers();
    let file = fixture("customers.csv");
    let j = import_json(&env, &file, &[]);
    assert_eq!(j["added"], 0);
    assert_eq!(j["changed"], 0);
    assert_eq!(j["unchanged"], 30);
    assert_eq!(j["dry_run"], false);
    // Change a name and a phone, keep the rest, add one.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("1000137,鈴木 花子", "1000137,鈴木 華子")
        .replace("052-885-9770", "052-885-9771")
        + "2000001,新規 顧客,H5.6.7,,,,,\n";
    let f = env.write("next.csv", text);
    let j = import_json(&env, &f, &[]);
    assert_eq!(
        (
            j["added"].as_u64(),
            j["changed"].as_u64(),
            j["unchanged"].as_u64()
        ),
        (Some(1), Some(2), Some(28)),
        "{j}"
    );
    assert_eq!(j["email_changes"], 0);
    assert_eq!(show_unmasked(&env, "1000137")["name"], "鈴木 華子");
    assert_eq!(show_unmasked(&env, "2000001")["birth_date"], "1993-06-07");
    // Each change is audited with the fields that changed, in one entry for
    // the round of rows, customers grouped by fields in file order.
    let rounds = log(&env, "customer.import.batch");
    let last = &rounds.last().unwrap()["details"];
    assert!(
        last["file"].as_str().unwrap().ends_with("next.csv"),
        "{last}"
    );
    assert_eq!(
        last["changed"],
        serde_json::json!([
            {"fields": ["name"], "customers": ["1000137"]},
            {"fields": ["phone"], "customers": ["1000174"]},
        ]),
        "{last}"
    );
    assert_eq!(
        last["added"],
        serde_json::json!([{"fields": ["code", "name", "birth_date"], "customers": ["2000001"]}]),
        "{last}"
    );
    assert_eq!(import_counts(&env), (31, 2));
    // `log --customer` reads back what the rounds say of each customer.
    let of = imports_of(&env, "1000137");
    assert_eq!(of.len(), 2, "{of:?}");
    assert_eq!(
        of[0]["added"],
        serde_json::json!([
            "code",
            "name",
            "birth_date",
            "phone",
            "mobile_phone",
            "email_pc"
        ])
    );
    assert_eq!(
        of[1],
        serde_json::json!({"file": last["file"], "lines": last["lines"], "changed": ["name"]})
    );
    assert_eq!(imports_of(&env, "2000001").len(), 1);
    // And again: all unchanged, nothing new in the trail.
    let head = env.run(&["log", "head"]).ok().stdout();
    let j = import_json(&env, &f, &[]);
    assert_eq!(j["unchanged"], 31);
    assert_eq!(env.run(&["log", "head"]).ok().stdout(), head);
}

#[test]
fn dry_run_writes_nothing_and_counts_the_same() {
    let env = Env::with_customers();
    let text = std::fs::read_to_string(fixture("customers.csv"))
        .unwrap()
        .replace("taro.sato@example.jp", "taro.sato2@example.jp")
        .replace("1000137,鈴木 花子", "1000137,鈴木 華子")
        + "2000001,新規 顧客,1999-09-09,,,,,\n";
    let f = env.write("next.csv", text);
    let before = snapshot(&env);
    let dry = import_json(&env, &f, &["--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(snapshot(&env), before, "--dry-run wrote to the ledger");
    let table = env
        .run(&["customer", "import", &f.display().to_string(), "--dry-run"])
        .ok()
        .stdout();
    assert!(table.contains("dry run"), "{table}");
    assert_eq!(snapshot(&env), before);
    env.run(&["customer", "show", "2000001"]).status(4);
    let real = import_json(&env, &f, &[]);
    for k in ["added", "changed", "unchanged", "email_changes"] {
        assert_eq!(dry[k], real[k], "{k}");
    }
    assert_eq!(
        (real["added"].as_u64(), real["changed"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(real["dry_run"], false);
}

/// Every personal value of customer 1000137 in full, as it must never be
/// shown without `--unmask`.
const HANAKO_FULL: &[&str] = &[
    "hanako.suzuki",
    "@example",
    "1990",
    "0526725767",
    "052-672-5767",
    "07065722460",
    "6572",
];

#[test]
fn show_masks_personal_data_in_every_format() {
    let env = Env::with_customers();
    let j = env
        .run(&["--format", "json", "customer", "show", "1000137"])
        .ok()
        .json();
    assert_eq!(j["code"], "1000137");
    assert_eq!(j["name"], "鈴木 花子");
    assert_eq!(j["birth_date"], "****-11-13");
    assert_eq!(
        j["phones"],
        serde_json::json!(["******5767", "*******2460"])
    );
    assert_eq!(j["email_pc"], "ha***********@ex*****.co.jp");
    assert_eq!(j["email_mobile"], Value::Null);
    assert_eq!(j["execution_password"], "none");
    assert_eq!(j["locked"], false);
    assert_eq!(j["failures"], 0);
    let j = env
        .run(&["--format", "json", "customer", "show", "1000100"])
        .ok()
        .json();
    assert_eq!(j["email_pc"], "ta*******@ex*****.jp");
    assert_eq!(j["email_mobile"], "sa******@do****.example.ne.jp");
    assert_eq!(j["phones"], serde_json::json!(["*******7055"]));
    for format in ["table", "csv", "json"] {
        let out = env
            .run(&["--format", format, "customer", "show", "1000137"])
            .ok()
            .stdout();
        assert!(
            out.contains("ha***********@ex*****.co.jp"),
            "{format}:\n{out}"
        );
        assert!(
            out.contains("5767") && out.contains("2460"),
            "{format}:\n{out}"
        );
        for full in HANAKO_FULL {
            assert!(!out.contains(full), "{format} shows {full}:\n{out}");
        }
    }
    // Looking is not a PII view.
    assert!(log(&env, "customer.pii_view").is_empty());
}

#[test]
fn list_masks_personal_data_in_every_format() {
    let env = Env::with_customers();
    let text = std::fs::read_to_string(fixture("customers.csv")).unwrap();
    let mut full = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        for v in [f[5], f[6]] {
            if !v.is_empty() {
                full.push(v.split('@').next().unwrap().to_string());
                full.push(v.to_string());
            }
        }
        for v in [f[3], f[4]] {
            if !v.is_empty() {
                full.push(v.to_string());
            }
        }
    }
    for format in ["table", "csv", "json"] {
        let out = env
            .run(&["--format", format, "customer", "list", "--limit", "0"])
            .ok()
            .stdout();
        assert!(out.contains("ha***********@ex*****.co.jp"), "{format}");
        assert!(out.contains("****-11-13"), "{format}");
        assert!(out.contains("*******2460"), "{format}");
        for v in &full {
            assert!(!out.contains(v.as_str()), "{format} shows {v}");
        }
        for year in ["1990-", "1961-", "19540821"] {
            assert!(!out.contains(year), "{format} shows a birth year");
        }
    }
    let csv = env
        .run(&["--format", "csv", "customer", "list", "--limit", "0"])
        .ok()
        .stdout();
    assert!(
        csv.starts_with(
            "code,name,birth_date,phones,email_pc,email_mobile,execution_password,locked,failures\n"
        ),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 31);
    let json = env
        .run(&["--format", "json", "customer", "list", "--limit", "0"])
        .ok()
        .json();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 30);
    let hanako = rows.iter().find(|r| r["code"] == "1000137").unwrap();
    assert_eq!(
        hanako["phones"],
        serde_json::json!(["******5767", "*******2460"])
    );
    assert_eq!(hanako["birth_date"], "****-11-13");
    assert!(log(&env, "customer.pii_view").is_empty());
}

#[test]
fn unmask_shows_everything_and_is_audited_with_the_operator() {
    let env = Env::with_customers();
    let j = env
        .run(&[
            "--operator",
            "yamada",
            "--format",
            "json",
            "customer",
            "show",
            "1000137",
            "--unmask",
        ])
        .ok()
        .json();
    assert_eq!(j["birth_date"], "1990-11-13");
    assert_eq!(
        j["phones"],
        serde_json::json!(["0526725767", "07065722460"])
    );
    assert_eq!(j["email_pc"], "hanako.suzuki@example.co.jp");
    assert_eq!(j["email_mobile"], Value::Null);
    let views = log(&env, "customer.pii_view");
    assert_eq!(views.len(), 1, "{views:?}");
    assert_eq!(views[0]["operator"], "yamada");
    assert_eq!(views[0]["customer"], "1000137");
    // Every format, every time.
    for format in ["table", "csv"] {
        let out = env
            .run(&[
                "--format", format, "customer", "show", "1000137", "--unmask",
            ])
            .ok()
            .stdout();
        assert!(out.contains("hanako.suzuki@example.co.jp"), "{out}");
        assert!(out.contains("1990-11-13"), "{out}");
    }
    assert_eq!(log(&env, "customer.pii_view").len(), 3);
    // An unknown customer: exit 4 and no trail entry.
    env.run(&["customer", "show", "9999999", "--unmask"])
        .status(4);
    assert_eq!(log(&env, "customer.pii_view").len(), 3);
    env.run(&["log", "verify"]).ok();
}

#[test]
fn an_escape_sequence_never_reaches_the_terminal() {
    let env = Env::with_customers();
    let before = snapshot(&env);
    let f = env.write(
        "esc.csv",
        "code,name,birth_date\nX1,\"\x1b[2J\x1b]0;pwned\x07山田\",1990-01-01\n",
    );
    let mut outputs = Vec::new();
    let r = env
        .run(&["customer", "import", &f.display().to_string()])
        .status(65);
    assert!(
        r.stderr().contains("esc.csv:2: column name:") && r.stderr().contains("control character"),
        "{}",
        r.stderr()
    );
    outputs.push(r);
    assert_eq!(snapshot(&env), before);
    env.run(&["customer", "show", "X1"]).status(4);
    // Escape sequences everywhere else a user can put text.
    let esc = "\x1b[31mX\x1b[0m";
    let f2 = env.write(
        "esc2.csv",
        format!("code,name,birth_date,{esc}\n{esc},{esc},{esc},\n"),
    );
    outputs.push(
        env.run(&["customer", "import", &f2.display().to_string()])
            .status(65),
    );
    let f3 = env.write(
        "esc3.csv",
        format!("code,name,birth_date,email_pc,phone\nX2,x,{esc},{esc}@x.jp,{esc}\n"),
    );
    outputs.push(
        env.run(&["customer", "import", &f3.display().to_string()])
            .status(65),
    );
    outputs.push(env.run(&["customer", "show", esc]).status(4));
    outputs.push(env.run(&["--yes", "customer", "set-email", esc, "--pc", "a@b.jp"]));
    outputs.push(env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000100",
        "--pc",
        &format!("{esc}@x.jp"),
    ]));
    for format in ["table", "csv", "json"] {
        outputs.push(
            env.run(&["--format", format, "customer", "list", "--limit", "0"])
                .ok(),
        );
        outputs.push(
            env.run(&[
                "--format", format, "customer", "show", "1000100", "--unmask",
            ])
            .ok(),
        );
        outputs.push(env.run(&["--format", format, "log"]).ok());
    }
    for r in &outputs {
        assert!(
            !r.0.stdout.contains(&0x1b) && !r.0.stderr.contains(&0x1b),
            "ESC in output:\n{:?}\n{:?}",
            r.stdout(),
            r.stderr()
        );
    }
    // Nothing with an ESC made it into the ledger.
    let n: i64 = env.sql_i64(
        "SELECT count(*) FROM customer WHERE name LIKE '%' || ?1 || '%' OR code LIKE '%' || ?1 || '%'
           OR coalesce(email_pc, '') LIKE '%' || ?1 || '%'",
        &[&"\x1b"],
    );
    assert_eq!(n, 0);
}

#[test]
fn list_filters_locked_pending_and_limit() {
    let env = Env::with_customers();
    env.run(&[
        "lock",
        "add",
        "1000211",
        "--reason",
        "called in: lost phone",
    ])
    .ok();
    let out = env.path("initial.csv").display().to_string();
    env.run(&[
        "--yes", "password", "issue", "1000322", "1000433", "--out", &out,
    ])
    .ok();
    let codes = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["--format", "json", "customer", "list"];
        a.extend_from_slice(args);
        env.run(&a)
            .ok()
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&["--locked"]), ["1000211"]);
    assert_eq!(codes(&["--pending"]), ["1000322", "1000433"]);
    assert!(codes(&["--locked", "--pending"]).is_empty());
    let locked = env
        .run(&["--format", "json", "customer", "list", "--locked"])
        .ok()
        .json();
    assert_eq!(locked[0]["locked"], true);
    let pending = env
        .run(&["--format", "json", "customer", "list", "--pending"])
        .ok()
        .json();
    assert_eq!(pending[0]["execution_password"], "initial");
    // The default shows 100; --limit cuts, in code order, and says so on stderr.
    assert_eq!(codes(&[]).len(), 30);
    let r = env
        .run(&["--format", "json", "customer", "list", "--limit", "5"])
        .ok();
    let five: Vec<_> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].clone())
        .collect();
    assert_eq!(
        five,
        ["1000100", "1000137", "1000174", "1000211", "1000248"]
    );
    assert!(r.stderr().contains("5 of 30"), "{}", r.stderr());
    assert_eq!(codes(&["--limit", "0"]).len(), 30);
    let r = env
        .run(&["--quiet", "customer", "list", "--limit", "0"])
        .ok();
    assert!(r.stderr().is_empty(), "{}", r.stderr());
    env.run(&["customer", "list", "--limit", "-1"]).status(2);
    env.run(&["customer", "list", "--limit", "x"]).status(2);
    // show reflects the lock too.
    let j = env
        .run(&["--format", "json", "customer", "show", "1000211"])
        .ok()
        .json();
    assert_eq!(j["locked"], true);
    assert_eq!(j["lock_reason"], "called in: lost phone");
}

#[test]
fn set_email_is_audited_and_notifies_the_old_and_the_new_address() {
    let env = Env::with_customers();
    env.run(&[
        "--operator",
        "kato",
        "--yes",
        "customer",
        "set-email",
        "1000137",
        "--pc",
        "Hanako.New@Example.COM",
    ])
    .ok()
    .stderr_has("Ha********@ex*****.com");
    let c = show_unmasked(&env, "1000137");
    assert_eq!(c["email_pc"], "Hanako.New@example.com");
    let sets = log(&env, "customer.set_email");
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["operator"], "kato");
    assert_eq!(sets[0]["customer"], "1000137");
    assert_eq!(
        sets[0]["details"]["fields"],
        serde_json::json!(["email_pc"])
    );
    // The trail holds no full address.
    let trail = env.run(&["--format", "json", "log"]).ok().stdout();
    assert!(!trail.contains("hanako.suzuki@"), "{trail}");
    assert!(!trail.contains("Hanako.New@"), "{trail}");
    let notices = exported(&env, "out.jsonl");
    let changed: Vec<&Value> = notices
        .iter()
        .filter(|n| n["type"] == "email_changed")
        .collect();
    assert_eq!(notices.len(), 2, "{notices:?}");
    let mut to: Vec<&str> = changed.iter().map(|n| n["to"].as_str().unwrap()).collect();
    to.sort();
    assert_eq!(
        to,
        ["Hanako.New@example.com", "hanako.suzuki@example.co.jp"]
    );
    for n in &changed {
        assert_eq!(n["customer"], "1000137");
        let body = n["body"].as_str().unwrap();
        // Both addresses are named, masked (N13).
        assert!(body.contains("ha***********@ex*****.co.jp"), "{body}");
        assert!(!body.contains("hanako.suzuki@"), "{body}");
    }
    // The same address again changes nothing and queues nothing.
    let head = env.run(&["log", "head"]).ok().stdout();
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000137",
        "--pc",
        "Hanako.New@example.com",
    ])
    .ok();
    assert_eq!(env.run(&["log", "head"]).ok().stdout(), head);
    // A mobile address where there was none: one notice, to the new one.
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000137",
        "--mobile",
        "hana@docomo.example.ne.jp",
    ])
    .ok();
    let more = exported(&env, "out2.jsonl");
    let fresh: Vec<_> = more
        .iter()
        .filter(|n| n["id"].as_i64() > notices.iter().map(|n| n["id"].as_i64()).max().unwrap())
        .collect();
    assert_eq!(fresh.len(), 1, "{more:?}");
    assert_eq!(fresh[0]["to"], "hana@docomo.example.ne.jp");
    // Bad input: a usage error, nothing changes.
    let before = snapshot(&env);
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000137",
        "--pc",
        "hanako＠example.com",
    ])
    .status(2);
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000137",
        "--pc",
        "a@b.jp",
        "--mobile",
        "c@d.jp",
    ])
    .status(2);
    env.run(&["--yes", "customer", "set-email", "1000137"])
        .status(2);
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "9999999",
        "--pc",
        "a@example.jp",
    ])
    .status(4);
    assert_eq!(snapshot(&env), before);
}

#[test]
fn an_email_change_by_reimport_notifies_the_old_and_the_new_address() {
    let env = Env::with_customers();
    let text = std::fs::read_to_string(fixture("customers.csv"))
        .unwrap()
        .replace("taro.sato@example.jp", "taro.sato@example.net");
    let f = env.write("next.csv", text);
    let j = import_json(&env, &f, &[]);
    assert_eq!(j["changed"], 1);
    assert_eq!(j["email_changes"], 1);
    let notices = exported(&env, "out.jsonl");
    assert_eq!(notices.len(), 2, "{notices:?}");
    let mut to: Vec<&str> = notices.iter().map(|n| n["to"].as_str().unwrap()).collect();
    to.sort();
    assert_eq!(to, ["taro.sato@example.jp", "taro.sato@example.net"]);
    assert!(
        notices
            .iter()
            .all(|n| n["type"] == "email_changed" && n["customer"] == "1000100")
    );
    // Re-importing the same file again queues nothing more.
    import_json(&env, &f, &[]);
    let pending = env
        .run(&[
            "--format", "json", "notify", "outbox", "--status", "pending",
        ])
        .ok()
        .json();
    assert_eq!(pending.as_array().unwrap().len(), 2);
    // Clearing an address (an empty cell) notifies the old address.
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("sattar93@docomo.example.ne.jp", "");
    let f = env.write("next2.csv", text);
    let j = import_json(&env, &f, &[]);
    assert_eq!(j["email_changes"], 1);
    let all = exported(&env, "out2.jsonl");
    let last = all.last().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(last["to"], "sattar93@docomo.example.ne.jp");
    assert_eq!(show_unmasked(&env, "1000100")["email_mobile"], Value::Null);
}

#[test]
fn an_unknown_customer_is_exit_4() {
    let env = Env::with_customers();
    let before = snapshot(&env);
    for args in [
        vec!["customer", "show", "9999999"],
        vec!["customer", "show", "9999999", "--unmask"],
        vec!["customer", "set-email", "9999999", "--pc", "a@example.jp"],
        vec!["--format", "json", "customer", "show", "nobody"],
    ] {
        let r = env.run(&args).status(4);
        assert!(
            r.stderr().contains("no customer"),
            "{args:?}: {}",
            r.stderr()
        );
        assert!(r.stdout().is_empty());
    }
    assert_eq!(snapshot(&env), before);
}

#[test]
fn reimport_keeps_login_passwords_and_imports_new_hashes() {
    let env = Env::with_customers();
    let fmt = |code: &str| {
        env.run(&["--format", "json", "customer", "show", code])
            .ok()
            .json()["login_hash_format"]
            .clone()
    };
    assert_eq!(fmt("1000174"), "md5-hex");
    assert_eq!(fmt("1000285"), "sha1-hex");
    assert_eq!(fmt("1000100"), Value::Null);
    // The customer sets a login password; the core system's next export
    // (an empty login_hash cell) must not remove it.
    env.run_stdin(
        &["password", "set", "1000100", "--kind", "login"],
        "Zq7mWp3kRv\n",
    )
    .ok();
    let j = import_json(&env, &fixture("customers.csv"), &[]);
    assert_eq!(j["unchanged"], 30, "{j}");
    assert_eq!(fmt("1000100"), "argon2id");
    env.run_stdin(
        &["password", "verify", "1000100", "--kind", "login"],
        "Zq7mWp3kRv\n",
    )
    .ok();
    // A hash where there was none is imported and audited.
    let text = std::fs::read_to_string(fixture("customers.csv"))
        .unwrap()
        .replace(
            "sakura.nakamura@example.com,,",
            "sakura.nakamura@example.com,,$2b$04$abcdefghijklmnopqrstuuC0hWQHn4X9GTfyX7jTq1d3CFMOyCvJi",
        );
    let f = env.write("hash.csv", text);
    let j = import_json(&env, &f, &[]);
    assert_eq!(j["changed"], 1, "{j}");
    assert_eq!(fmt("1000359"), "bcrypt");
    assert_eq!(
        imports_of(&env, "1000359").last().unwrap()["changed"],
        serde_json::json!(["login_hash"])
    );
    assert_eq!(import_counts(&env).1, 1);
    // The hash itself is never shown.
    let out = env
        .run(&[
            "--format", "json", "customer", "show", "1000359", "--unmask",
        ])
        .ok()
        .stdout();
    assert!(!out.contains("$2b$"), "{out}");
    let trail = env.run(&["--format", "json", "log"]).ok().stdout();
    assert!(!trail.contains("$2b$"), "{trail}");
}

/// A hash from the core system never replaces one acctsec set or upgraded
/// since: a daily re-import must not put the old unsalted MD5 back.
#[test]
fn reimport_never_downgrades_a_login_password() {
    let env = Env::with_customers();
    let fixture = common::fixture("customers.csv").display().to_string();
    // 1000174's imported login hash is MD5("password"); a verify upgrades it.
    env.run_stdin(
        &["password", "verify", "1000174", "--kind", "login"],
        "password\n",
    )
    .ok();
    let format = |env: &Env| {
        env.run(&["--format", "json", "customer", "show", "1000174"])
            .ok()
            .json()["login_hash_format"]
            .clone()
    };
    assert_eq!(format(&env), "argon2id");
    let j = env
        .run(&["--format", "json", "customer", "import", &fixture])
        .ok()
        .json();
    assert_eq!(j["changed"], 0, "{j}");
    assert_eq!(format(&env), "argon2id");
    env.run_stdin(
        &["password", "verify", "1000174", "--kind", "login"],
        "password\n",
    )
    .ok();
    // A password set by staff stays too.
    env.run_stdin(
        &["password", "set", "1000285", "--kind", "login"],
        "Kx7Rw2Pq9Z\n",
    )
    .ok();
    env.run(&["customer", "import", &fixture]).ok();
    env.run_stdin(
        &["password", "verify", "1000285", "--kind", "login"],
        "Kx7Rw2Pq9Z\n",
    )
    .ok();
}

/// An import larger than one bulk round (20,000 rows) writes every customer
/// and one entry per round naming them in file order, on either backend; a
/// re-import changes rows of both rounds (a name with a backslash, an
/// email, a login hash), `log --customer` finds each change, and the rest
/// count unchanged.
#[test]
fn an_import_of_several_bulk_rounds_writes_every_row_and_a_round_entry_each() {
    let env = Env::with_ledger();
    let n = 20_005;
    let mut text =
        String::from("code,name,birth_date,phone,mobile_phone,email_pc,email_mobile,login_hash\n");
    for i in 0..n {
        text.push_str(&format!(
            "{},顧客 {i},1980-01-15,,,c{i}@example.jp,,\n",
            3_000_000 + i
        ));
    }
    let first = env.write("many.csv", &text);
    let j = import_json(&env, &first, &[]);
    assert_eq!(j["added"], n, "{j}");
    assert_eq!(customers_in_ledger(&env), n as i64);
    // One entry per round, in file order, naming every customer of the
    // round; the rounds' line ranges meet.
    let rows = env.sql_rows(
        "SELECT customer, details FROM audit_log WHERE action = 'customer.import.batch' ORDER BY seq",
        &[],
    );
    assert_eq!(rows.len(), 2);
    let mut next = 0;
    for (r, lines) in rows.iter().zip([[2, 20_001], [20_002, n + 1]]) {
        assert_eq!(r[0], None);
        let details: Value = serde_json::from_str(r[1].as_deref().unwrap()).unwrap();
        assert_eq!(details["lines"], serde_json::json!(lines));
        assert_eq!(details["changed"], serde_json::json!([]));
        let groups = details["added"].as_array().unwrap();
        assert_eq!(groups.len(), 1, "{details}");
        assert_eq!(
            groups[0]["fields"],
            serde_json::json!(["code", "name", "birth_date", "email_pc"])
        );
        for code in groups[0]["customers"].as_array().unwrap() {
            assert_eq!(code.as_str().unwrap(), (3_000_000 + next).to_string());
            next += 1;
        }
    }
    assert_eq!(next, n);
    // The round entries are written as the run's summary entry is: the
    // same format, the same identity.
    let kinds = env.sql_rows(
        "SELECT DISTINCT format, identity FROM audit_log
          WHERE action IN ('customer.import.batch', 'customer.import')",
        &[],
    );
    assert_eq!(kinds.len(), 1, "{kinds:?}");
    assert_eq!(kinds[0][0].as_deref(), Some("2"), "{kinds:?}");
    assert!(kinds[0][1].is_some(), "{kinds:?}");
    env.run(&["log", "verify"]).ok();

    // Change a name in the first round, an email in the second, a login
    // hash in the last row.
    let hash = "5f4dcc3b5aa765d61d8327deb882cf99";
    let text = text
        .replace(",顧客 7,", ",顧客\\七,")
        .replace("c20001@example.jp", "new20001@example.jp")
        .replace(
            &format!("c{}@example.jp,,\n", n - 1),
            &format!("c{}@example.jp,,{hash}\n", n - 1),
        );
    let second = env.write("many2.csv", &text);
    let j = import_json(&env, &second, &[]);
    assert_eq!(
        (
            &j["added"],
            &j["changed"],
            &j["unchanged"],
            &j["email_changes"]
        ),
        (
            &Value::from(0),
            &Value::from(3),
            &Value::from(n - 3),
            &Value::from(1)
        ),
        "{j}"
    );
    assert_eq!(show_unmasked(&env, "3000007")["name"], "顧客\\七");
    assert_eq!(
        show_unmasked(&env, "3020001")["email_pc"],
        "new20001@example.jp"
    );
    let last = (3_000_000 + n - 1).to_string();
    for (code, fields) in [
        ("3000007", serde_json::json!(["name"])),
        ("3020001", serde_json::json!(["email_pc"])),
        (last.as_str(), serde_json::json!(["login_hash"])),
    ] {
        let of = imports_of(&env, code);
        assert_eq!(of.len(), 2, "{code}: {of:?}");
        assert_eq!(of[1]["changed"], fields, "{code}: {of:?}");
        assert!(of[1]["file"].as_str().unwrap().ends_with("many2.csv"));
    }
    assert_eq!(import_counts(&env), (n, 3));
    assert_eq!(
        env.run(&["--format", "json", "customer", "show", &last])
            .ok()
            .json()["login_hash_format"],
        "md5-hex"
    );
    // The email change notified the old and the new address.
    let to: Vec<String> = env.sql_col(
        "SELECT to_addr FROM outbox WHERE customer = '3020001' ORDER BY id",
        &[],
    );
    assert!(to.contains(&"c20001@example.jp".to_string()), "{to:?}");
    assert!(to.contains(&"new20001@example.jp".to_string()), "{to:?}");
    env.run(&["log", "verify"]).ok();
}

/// `log --customer` finds a customer in the round entries of bulk imports
/// exactly (not a code that merely contains theirs, nor a field of the same
/// name), counts `--limit` after that, and a table lists a round entry with
/// its counts instead of its codes.
#[test]
fn log_finds_a_customer_in_round_entries_exactly() {
    let env = Env::with_ledger();
    let header = "code,name,birth_date,phone,mobile_phone,email_pc,email_mobile\n";
    let first = env.write(
        "a.csv",
        format!("{header}phone,甲,1980-01-01,,,,\n1000100,乙,1980-01-01,03-1234-5678,,,\n10001000,丙,1980-01-01,,,,\n"),
    );
    import_json(&env, &first, &[]);
    // The second file changes the phone of 1000100 only.
    let second = env.write(
        "b.csv",
        format!("{header}phone,甲,1980-01-01,,,,\n1000100,乙,1980-01-01,03-1234-9999,,,\n10001000,丙,1980-01-01,,,,\n"),
    );
    let j = import_json(&env, &second, &[]);
    assert_eq!(
        (&j["changed"], &j["unchanged"]),
        (&Value::from(1), &Value::from(2))
    );
    let of = imports_of(&env, "1000100");
    assert_eq!(of.len(), 2, "{of:?}");
    assert_eq!(of[1]["changed"], serde_json::json!(["phone"]));
    // "phone" is a customer too: only the round that added them names them.
    let of = imports_of(&env, "phone");
    assert_eq!(of.len(), 1, "{of:?}");
    assert_eq!(
        of[0]["added"],
        serde_json::json!(["code", "name", "birth_date"])
    );
    assert_eq!(imports_of(&env, "10001000").len(), 1);
    assert!(imports_of(&env, "100010").is_empty());
    // --limit keeps the newest matching entries.
    let newest = env
        .run(&[
            "--format",
            "json",
            "log",
            "--customer",
            "1000100",
            "--limit",
            "1",
        ])
        .ok()
        .json();
    let newest = newest.as_array().unwrap();
    assert_eq!(newest.len(), 1);
    assert_eq!(
        newest[0]["details"]["changed"],
        serde_json::json!(["phone"])
    );
    // A table shows counts; JSON without --customer the whole entry.
    let table = env
        .run(&[
            "--format",
            "csv",
            "log",
            "--action",
            "customer.import.batch",
        ])
        .ok()
        .stdout();
    assert!(table.contains(r#"""added"":3,""changed"":0"#), "{table}");
    assert!(table.contains(r#"""added"":0,""changed"":1"#), "{table}");
    assert!(!table.contains("10001000"), "{table}");
    let whole = log(&env, "customer.import.batch");
    assert_eq!(
        whole[1]["details"]["changed"],
        serde_json::json!([{"fields": ["phone"], "customers": ["1000100"]}])
    );
    env.run(&["log", "verify"]).ok();
}
