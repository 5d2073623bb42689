//! Progress bars: on stderr, drawn only when the printer says so (stderr is
//! a terminal and not `--quiet`); hidden on a pipe, under cron, or quiet.

use std::sync::{Mutex, MutexGuard};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::messages;
use crate::ops::{Progress, Stage};
use crate::output::Printer;

fn target(draws: bool) -> ProgressDrawTarget {
    if draws {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}

fn styled(len: Option<u64>, draws: bool, template: &str, msg: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(len, target(draws));
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(msg.to_string());
    bar
}

const BYTES: &str = "{msg} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}";
const ITEMS: &str = "{msg} {wide_bar} {pos}/{len} {per_sec} ETA {eta}";

/// An operation's progress ([`crate::ops::Progress`]) as a bar: one per
/// stage, worded by [`messages::output::stage`], over bytes while a file is
/// read and over items otherwise; cleared when the stage ends (or the
/// operation gives up).
pub struct Bar {
    draws: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bar {
    pub fn new(out: &Printer) -> Bar {
        Bar {
            draws: out.draws_progress(),
            bar: Mutex::new(None),
        }
    }

    fn bar(&self) -> MutexGuard<'_, Option<ProgressBar>> {
        self.bar.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Progress for Bar {
    fn begin(&self, stage: Stage, total: Option<u64>) {
        let template = match stage {
            Stage::Reading(_) => BYTES,
            Stage::Issuing | Stage::Auditing | Stage::Sending => ITEMS,
        };
        let new = styled(
            total,
            self.draws,
            template,
            &messages::output::stage(&stage),
        );
        if let Some(old) = self.bar().replace(new) {
            old.finish_and_clear();
        }
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = self.bar().as_ref() {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar().take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}
