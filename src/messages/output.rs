//! Sentences about how output was shown (narrow tables, progress bars).

use crate::ops::Stage;

/// What a progress bar says an operation is busy with.
pub fn stage(s: &Stage) -> String {
    match s {
        Stage::Reading(file) => super::importing(file),
        Stage::Issuing => super::issuing(),
        Stage::Auditing => super::auditing(),
        Stage::Sending => tr!("sending", "送信中"),
    }
}

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
