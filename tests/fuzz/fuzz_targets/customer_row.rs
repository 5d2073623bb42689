//! One customer row: every column's validator on its own, then the same
//! fields as a CSV row through the import reader, which must agree.
//! Input: the eight fields (code, name, birth_date, phone, mobile_phone,
//! email_pc, email_mobile, login_hash) separated by tabs.
#![no_main]
use acctsec::customer::{
    self, CODE_MAX_LEN, EARLIEST_BIRTH_DATE, EMAIL_MAX_LEN, NAME_MAX_LEN,
    import::{COLUMNS, CustomerCsv},
};
use acctsec_fuzz::{date_forms, today};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut fields: Vec<&str> = text.splitn(8, '\t').collect();
    fields.resize(8, "");
    let today = today();

    let code = customer::validate_code(fields[0]);
    if let Ok(c) = &code {
        assert!(!c.is_empty() && c.len() <= CODE_MAX_LEN, "code {c:?}");
        assert_eq!(
            customer::validate_code(c).as_ref(),
            Ok(c),
            "code not stable"
        );
        assert_eq!(&acctsec::sanitize::sanitize(c), c, "code needs sanitizing");
    }
    let name = customer::validate_name(fields[1]);
    if let Ok(n) = &name {
        assert!(!n.is_empty() && n.chars().count() <= NAME_MAX_LEN);
        assert_eq!(
            customer::validate_name(n).as_ref(),
            Ok(n),
            "name not stable"
        );
        assert_eq!(&acctsec::sanitize::sanitize(n), n, "name needs sanitizing");
    }
    let birth = customer::parse_birth_date(fields[2], today);
    if let Ok(d) = birth {
        assert!(d >= EARLIEST_BIRTH_DATE && d <= today, "{d} out of range");
        for form in date_forms(d) {
            assert_eq!(
                customer::parse_birth_date(&form, today),
                Ok(d),
                "{:?} parsed as {d}, but its form {form:?} does not read back",
                fields[2]
            );
        }
        let _ = customer::mask_birth_date(d);
    }
    let mut phones_ok = true;
    for f in &fields[3..5] {
        if f.trim().is_empty() {
            continue;
        }
        match customer::normalize_phone(f) {
            Ok(p) => {
                assert!(
                    p.len() >= 4 && p.bytes().all(|b| b.is_ascii_digit()),
                    "phone {p:?}"
                );
                assert_eq!(
                    customer::normalize_phone(&p).as_ref(),
                    Ok(&p),
                    "phone not stable"
                );
                let _ = customer::mask_phone(&p);
                let _ = customer::phone_without_area_code(&p);
            }
            Err(_) => phones_ok = false,
        }
    }
    let mut emails_ok = true;
    for f in &fields[5..7] {
        if f.trim().is_empty() {
            continue;
        }
        match customer::normalize_email(f) {
            Ok(e) => {
                assert!(e.len() <= EMAIL_MAX_LEN, "email {e:?}");
                assert_eq!(e.matches('@').count(), 1, "email {e:?}");
                assert_eq!(
                    customer::normalize_email(&e).as_ref(),
                    Ok(&e),
                    "email not stable"
                );
                assert_eq!(acctsec::sanitize::sanitize(&e), e, "email needs sanitizing");
                let _ = customer::mask_email(&e);
            }
            Err(_) => emails_ok = false,
        }
    }
    let hash = fields[7].trim();
    let hash_ok = hash.is_empty()
        || acctsec::secret::detect_format(hash).is_some_and(|f| f.cost_excess().is_none());
    if let Some(f) = acctsec::secret::detect_format(hash) {
        assert_eq!(acctsec::secret::detect_format(hash), Some(f));
        assert!(hash.is_ascii(), "a detected hash is ASCII");
    }

    // The same row through the import reader.
    if fields
        .iter()
        .any(|f| f.len() > acctsec::customer::import::MAX_FIELD_BYTES)
    {
        return;
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).unwrap();
    w.write_record(&fields).unwrap();
    let bytes = w.into_inner().unwrap();
    let mut reader = CustomerCsv::new(Box::new(std::io::Cursor::new(bytes)), None, today)
        .expect("the header is right");
    let row = reader.next_row().expect("one row");
    assert!(reader.next_row().is_none(), "one row only");
    let all_ok = code.is_ok() && name.is_ok() && birth.is_ok() && phones_ok && emails_ok && hash_ok;
    match row {
        Ok(r) => {
            assert!(
                all_ok,
                "the reader took a row a validator refuses: {fields:?}"
            );
            assert_eq!(r.line, 2);
            assert_eq!(Ok(&r.code), code.as_ref());
            assert_eq!(Ok(&r.name), name.as_ref());
            assert_eq!(Ok(r.birth_date), birth);
        }
        Err(problems) => {
            assert!(
                !all_ok,
                "the reader refused a valid row: {fields:?} {problems:?}"
            );
            for p in problems {
                assert_eq!(p.line, 2, "{p:?}");
            }
        }
    }
});
