//! Sentences about how output was shown (narrow tables).

/// Columns a narrow table left out.
pub fn columns_hidden(keys: &[&str]) -> String {
    let n = keys.len();
    let names = keys.join(", ");
    tr!(
        "{n} column(s) hidden ({names}); --format csv for all",
        "{n} 列を省略しました（{names}）。すべて見るには --format csv"
    )
}

/// Long values a narrow table cut short.
pub fn values_cut() -> String {
    tr!(
        "long values shortened (…); --format csv for whole values",
        "長い値は短くしています（…）。すべて見るには --format csv"
    )
}
