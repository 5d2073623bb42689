//! The report as one self-contained HTML page: inline CSS and SVG charts
//! (drawn by plotters' SVG backend), no script, nothing fetched; A4 when
//! printed. Text stays text, so Japanese labels render in the reader's
//! fonts. Legends are HTML beside each chart (plotters would size CJK
//! legend text about twice too wide); inside the SVG only numbers, dates
//! and the two schedule markers appear.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Day, Projection, Report, SEVERITIES, grouped};

/// Every word on the page, in the reader's language (from `messages`).
#[derive(Debug, Clone)]
pub struct Labels {
    pub lang: &'static str,
    pub title: String,
    pub generated: String,
    pub period: String,
    pub counts_only: String,
    pub customers: String,
    pub none: String,
    pub initial: String,
    pub set: String,
    pub locked: String,
    pub burndown: String,
    pub projection_line: String,
    pub pre_start: String,
    pub pre_end: String,
    pub enforce: String,
    pub locks_title: String,
    pub locks: String,
    pub unlocks: String,
    pub failed_title: String,
    pub failed: String,
    pub notices_title: String,
    pub queued: String,
    pub sent: String,
    pub audit_title: String,
    pub audit_latest: String,
    pub audit_trend: String,
    pub by_severity: String,
    pub by_kind: String,
    pub findings: String,
    pub severities: [String; 4],
    pub no_data: String,
    pub notes: String,
    pub gaps: Vec<String>,
    pub staff_title: String,
    pub staff_identity: String,
    pub staff_none: String,
    pub projection: Option<String>,
    pub no_projection: String,
    /// A finding kind's or an action's name (the code itself in English).
    pub term: fn(&str) -> String,
}

const C_NONE: RGBColor = RGBColor(0x9a, 0xa4, 0xb1);
const C_INITIAL: RGBColor = RGBColor(0xe0, 0x8a, 0x1e);
const C_SET: RGBColor = RGBColor(0x2e, 0x8b, 0x57);
const C_PROJ: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const C_LOCK: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const C_UNLOCK: RGBColor = RGBColor(0x2f, 0x6f, 0xb3);
const C_FAILED: RGBColor = RGBColor(0x8e, 0x44, 0xad);
const C_QUEUED: RGBColor = RGBColor(0x2f, 0x6f, 0xb3);
const C_SENT: RGBColor = RGBColor(0x2e, 0x8b, 0x57);
const C_MARK: RGBColor = RGBColor(0x44, 0x44, 0x44);
const C_SEV: [RGBColor; 4] = [
    RGBColor(0xb0, 0x1c, 0x1c),
    RGBColor(0xe0, 0x6c, 0x1e),
    RGBColor(0xd4, 0xaa, 0x1e),
    RGBColor(0x7f, 0x9c, 0xb8),
];

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A shown moment (`2022-09-18T18:00:00+09:00`) as people read it:
/// `2022-09-18 18:00 JST`.
fn moment(s: &str) -> String {
    match s.strip_suffix(":00+09:00") {
        Some(t) => esc(&format!("{} JST", t.replacen('T', " ", 1))),
        None => esc(s),
    }
}

/// Text for HTML (element content and attribute values).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "Helvetica Neue", Arial, sans-serif;
  color: #222; margin: 0 auto; padding: 24px 32px; max-width: 1240px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 22px 0 6px; border-bottom: 2px solid #e4e7eb; padding-bottom: 4px; }
.meta { color: #555; font-size: 13px; margin: 2px 0; }
.tiles { display: flex; gap: 10px; margin: 16px 0 8px; }
.tile { flex: 1; border: 1px solid #e4e7eb; border-radius: 6px; padding: 8px 12px; }
.tile .n { font-size: 24px; font-weight: 700; }
.tile .l { font-size: 12px; color: #555; }
.proj { background: #fdf2f0; border-left: 4px solid #c0392b; padding: 8px 12px; margin: 10px 0; font-size: 15px; }
.legend { font-size: 12px; color: #333; margin: 2px 0 0; }
.legend span { margin-right: 14px; white-space: nowrap; }
.sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.sw.dash { height: 0; border-top: 3px dashed; border-radius: 0; vertical-align: 3px; }
svg { width: 100%; height: auto; display: block; }
.row { display: flex; gap: 18px; }
.row > div { flex: 1; min-width: 0; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
td, th { padding: 3px 6px; border-bottom: 1px solid #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; width: 5em; }
.bar { height: 10px; border-radius: 2px; }
.notes { font-size: 12px; color: #555; }
.empty { color: #888; font-size: 13px; padding: 12px 0; }
section { break-inside: avoid; }
@media print { body { padding: 0; max-width: none; } }
"#;

/// The whole page.
pub fn page(r: &Report, l: &Labels) -> String {
    let mut h = String::new();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{CSS}</style></head><body>\n",
        l.lang,
        esc(&l.title)
    ));
    h.push_str(&format!("<h1>{}</h1>\n", esc(&l.title)));
    h.push_str(&format!(
        "<p class=\"meta\">{} {} · {} {} – {}</p>\n",
        esc(&l.generated),
        moment(&r.generated_at),
        esc(&l.period),
        r.from,
        r.to
    ));
    if let Some(s) = &r.schedule {
        h.push_str(&format!(
            "<p class=\"meta\">{} {} · {} {} · {} {}</p>\n",
            esc(&l.pre_start),
            moment(&s.pre_start),
            esc(&l.pre_end),
            moment(&s.pre_end),
            esc(&l.enforce),
            moment(&s.enforce)
        ));
    }
    let c = &r.current;
    h.push_str("<div class=\"tiles\">");
    for (label, n, color) in [
        (&l.customers, c.customers, None),
        (&l.set, c.set, Some(C_SET)),
        (&l.initial, c.initial, Some(C_INITIAL)),
        (&l.none, c.none, Some(C_NONE)),
        (&l.locked, c.locked, Some(C_LOCK)),
    ] {
        let sw = color
            .map(|c| format!("<span class=\"sw\" style=\"background:{}\"></span>", hex(c)))
            .unwrap_or_default();
        h.push_str(&format!(
            "<div class=\"tile\"><div class=\"n\">{}</div><div class=\"l\">{sw}{}</div></div>",
            grouped(n),
            esc(label)
        ));
    }
    h.push_str("</div>\n");
    h.push_str(&format!(
        "<div class=\"proj\">{}</div>\n",
        esc(l.projection.as_deref().unwrap_or(&l.no_projection))
    ));

    // The burndown.
    h.push_str(&format!("<section><h2>{}</h2>\n", esc(&l.burndown)));
    h.push_str(&legend(&[
        (&l.set, C_SET, false),
        (&l.initial, C_INITIAL, false),
        (&l.none, C_NONE, false),
        (&l.projection_line, C_PROJ, true),
    ]));
    h.push_str(&burndown(r, l));
    h.push_str("</section>\n");

    // Locks, failed verifications.
    h.push_str("<div class=\"row\"><div><section>");
    h.push_str(&format!("<h2>{}</h2>", esc(&l.locks_title)));
    h.push_str(&legend(&[
        (&l.locks, C_LOCK, false),
        (&l.unlocks, C_UNLOCK, false),
    ]));
    h.push_str(&bars(
        &r.days,
        &[(|d: &Day| d.locks, C_LOCK), (|d: &Day| d.unlocks, C_UNLOCK)],
        HALF,
        l,
    ));
    h.push_str("</section></div><div><section>");
    h.push_str(&format!("<h2>{}</h2>", esc(&l.failed_title)));
    h.push_str(&legend(&[(&l.failed, C_FAILED, false)]));
    h.push_str(&bars(
        &r.days,
        &[(|d: &Day| d.failed_verifications, C_FAILED)],
        HALF,
        l,
    ));
    h.push_str("</section></div></div>\n");

    // Notices.
    h.push_str(&format!("<section><h2>{}</h2>", esc(&l.notices_title)));
    h.push_str(&legend(&[
        (&l.queued, C_QUEUED, false),
        (&l.sent, C_SENT, false),
    ]));
    h.push_str(&bars(
        &r.days,
        &[
            (|d: &Day| d.notices_queued, C_QUEUED),
            (|d: &Day| d.notices_sent, C_SENT),
        ],
        (1160, 220),
        l,
    ));
    h.push_str("</section>\n");

    // The weak-credential audit.
    h.push_str(&format!("<section><h2>{}</h2>", esc(&l.audit_title)));
    match &r.audit_latest {
        None => h.push_str(&format!("<p class=\"empty\">{}</p>", esc(&l.no_data))),
        Some(a) => {
            h.push_str(&format!(
                "<p class=\"meta\">{} #{} ({}): {} {}</p>",
                esc(&l.audit_latest),
                a.run,
                a.date,
                grouped(a.findings),
                esc(&l.findings)
            ));
            h.push_str("<div class=\"row\"><div>");
            h.push_str(&format!(
                "<h3 class=\"meta\">{}</h3><table>",
                esc(&l.by_severity)
            ));
            let max = a.by_severity.values().copied().max().unwrap_or(0).max(1);
            for (i, sev) in SEVERITIES.iter().enumerate() {
                let n = a.by_severity.get(*sev).copied().unwrap_or(0);
                h.push_str(&table_row(&l.severities[i], n, max, C_SEV[i]));
            }
            h.push_str("</table></div><div>");
            h.push_str(&format!(
                "<h3 class=\"meta\">{}</h3><table>",
                esc(&l.by_kind)
            ));
            let max = a.by_kind.values().copied().max().unwrap_or(0).max(1);
            let mut kinds: Vec<_> = a.by_kind.iter().collect();
            kinds.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
            for (k, n) in kinds {
                h.push_str(&table_row(&(l.term)(k), *n, max, C_UNLOCK));
            }
            h.push_str("</table></div></div>");
            h.push_str(&format!("<h3 class=\"meta\">{}</h3>", esc(&l.audit_trend)));
            let sev: Vec<(&str, RGBColor, bool)> = l
                .severities
                .iter()
                .zip(C_SEV)
                .map(|(s, c)| (s.as_str(), c, false))
                .collect();
            h.push_str(&legend(&sev));
            h.push_str(&trend(r, l));
        }
    }
    h.push_str("</section>\n");

    // Sensitive actions per authenticated identity.
    h.push_str(&format!("<section><h2>{}</h2>", esc(&l.staff_title)));
    if r.staff.is_empty() {
        h.push_str(&format!("<p class=\"meta\">{}</p>", esc(&l.staff_none)));
    } else {
        let mut actions: Vec<&str> = r
            .staff
            .iter()
            .flat_map(|s| s.actions.keys().map(String::as_str))
            .collect();
        actions.sort_unstable();
        actions.dedup();
        h.push_str(&format!("<table><tr><th>{}</th>", esc(&l.staff_identity)));
        for a in &actions {
            h.push_str(&format!(
                "<th title=\"{}\">{}</th>",
                esc(a),
                esc(&(l.term)(a))
            ));
        }
        h.push_str("</tr>");
        for s in &r.staff {
            h.push_str(&format!("<tr><td>{}</td>", esc(&s.identity)));
            for a in &actions {
                let n = s.actions.get(*a).copied().unwrap_or(0);
                h.push_str(&format!("<td class=\"num\">{}</td>", grouped(n)));
            }
            h.push_str("</tr>");
        }
        h.push_str("</table>");
    }
    h.push_str("</section>\n");

    h.push_str(&format!(
        "<section class=\"notes\"><h2>{}</h2><ul>",
        esc(&l.notes)
    ));
    for g in &l.gaps {
        h.push_str(&format!("<li>{}</li>", esc(g)));
    }
    h.push_str(&format!(
        "<li>{}</li></ul></section>\n",
        esc(&l.counts_only)
    ));
    h.push_str("</body></html>\n");
    h
}

fn legend(items: &[(&str, RGBColor, bool)]) -> String {
    let mut s = String::from("<div class=\"legend\">");
    for (label, c, dashed) in items {
        if *dashed {
            s.push_str(&format!(
                "<span><span class=\"sw dash\" style=\"border-color:{}\"></span>{}</span>",
                hex(*c),
                esc(label)
            ));
        } else {
            s.push_str(&format!(
                "<span><span class=\"sw\" style=\"background:{}\"></span>{}</span>",
                hex(*c),
                esc(label)
            ));
        }
    }
    s.push_str("</div>");
    s
}

fn table_row(label: &str, n: u64, max: u64, c: RGBColor) -> String {
    let pct = n as f64 * 100.0 / max as f64;
    format!(
        "<tr><td>{}</td><td class=\"n\">{}</td><td style=\"width:55%\"><div class=\"bar\" style=\"width:{pct:.1}%;background:{}\"></div></td></tr>",
        esc(label),
        grouped(n),
        hex(c)
    )
}

type Drawn = Result<(), Box<dyn std::error::Error>>;

/// A chart drawn by `draw`, as SVG text; a sentence instead when drawing
/// failed (it does not, into a string).
fn svg(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Drawn,
) -> String {
    let mut buf = String::new();
    let res = {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| e.to_string().into())
            .and_then(|_| draw(&root))
            .and_then(|_| root.present().map_err(|e| e.to_string().into()))
    };
    match res {
        Ok(()) => buf,
        Err(e) => format!("<p class=\"empty\">{}</p>", esc(&e.to_string())),
    }
}

/// A nice upper bound for an axis holding `max`.
fn ceiling(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * mag >= max * 1.05 {
            return step * mag;
        }
    }
    10.0 * mag
}

const FONT: &str = "sans-serif";

/// A chart in half the page's width.
const HALF: (u32, u32) = (560, 250);

const NO_LINE: RGBColor = RGBColor(0xff, 0xff, 0xff);

fn day_label(from: NaiveDate, x: f64) -> String {
    let d = from + chrono::Duration::days(x.round() as i64);
    d.format("%m/%d").to_string()
}

fn y_label(y: &f64) -> String {
    grouped(y.max(0.0).round() as u64)
}

fn burndown(r: &Report, l: &Labels) -> String {
    if r.days.is_empty() {
        return format!("<p class=\"empty\">{}</p>", esc(&l.no_data));
    }
    let from = r.from;
    let off = |d: NaiveDate| (d - from).num_days() as f64;
    let enforce_day = r.schedule_days.map(|s| s.2);
    let last_x = off(r.to).max(enforce_day.map(off).unwrap_or(0.0));
    let max = r.days.iter().map(|d| d.customers).max().unwrap_or(0) as f64;
    let ymax = ceiling(max);
    svg((1160, 380), |root| {
        let mut c = ChartBuilder::on(root)
            .margin(12)
            .margin_top(26)
            .x_label_area_size(30)
            .y_label_area_size(70)
            .build_cartesian_2d(-0.5..last_x + 0.5, 0.0..ymax)?;
        c.configure_mesh()
            .disable_x_mesh()
            .x_labels(10)
            .y_labels(6)
            .x_label_formatter(&|x| day_label(from, *x))
            .y_label_formatter(&y_label)
            .label_style((FONT, 14))
            .light_line_style(NO_LINE)
            .bold_line_style(RGBColor(0xe0, 0xe0, 0xe0))
            .axis_style(RGBColor(0x99, 0x99, 0x99))
            .draw()?;
        marks(&mut c, r, l, ymax)?;
        for (f, color) in [
            (
                Box::new(|d: &Day| d.none) as Box<dyn Fn(&Day) -> u64>,
                C_NONE,
            ),
            (Box::new(|d: &Day| d.initial), C_INITIAL),
            (Box::new(|d: &Day| d.set), C_SET),
        ] {
            c.draw_series(LineSeries::new(
                r.days.iter().map(|d| (off(d.date), f(d) as f64)),
                color.stroke_width(3),
            ))?;
        }
        if let (Some(p), Some(e)) = (r.projection, enforce_day) {
            let last = r.days.last().map(|d| d.none + d.initial).unwrap_or(0);
            let pts = vec![
                (off(r.to), last as f64),
                (off(e), p.pending_at_enforce as f64),
            ];
            c.draw_series(DashedLineSeries::new(pts, 8, 6, C_PROJ.stroke_width(2)))?;
            c.draw_series(std::iter::once(Circle::new(
                (off(e), p.pending_at_enforce as f64),
                5,
                C_PROJ.filled(),
            )))?;
            c.draw_series(std::iter::once(Text::new(
                grouped(p.pending_at_enforce),
                (off(e), p.pending_at_enforce as f64),
                (FONT, 15)
                    .into_font()
                    .color(&C_PROJ)
                    .pos(Pos::new(HPos::Right, VPos::Bottom)),
            )))?;
        }
        Ok(())
    })
}

type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The pre-registration end and the enforcement date, as dashed verticals
/// with their names at the top.
fn marks(c: &mut Chart, r: &Report, l: &Labels, ymax: f64) -> Drawn {
    let Some((_, pre_end, enforce)) = r.schedule_days else {
        return Ok(());
    };
    let from = r.from;
    let (lo, hi) = (c.x_range().start, c.x_range().end);
    for (d, label, vpos) in [
        (pre_end, &l.pre_end, VPos::Bottom),
        (enforce, &l.enforce, VPos::Top),
    ] {
        let x = (d - from).num_days() as f64;
        if x < lo || x > hi {
            continue;
        }
        c.draw_series(DashedLineSeries::new(
            vec![(x, 0.0), (x, ymax)],
            5,
            5,
            C_MARK.stroke_width(1),
        ))?;
        c.draw_series(std::iter::once(Text::new(
            format!("{label} {}", d.format("%m/%d")),
            (x - 0.15, ymax),
            (FONT, 14)
                .into_font()
                .color(&C_MARK)
                .pos(Pos::new(HPos::Right, vpos)),
        )))?;
    }
    Ok(())
}

/// Daily bars, one per series side by side.
/// A daily count and its colour.
type Bars = (fn(&Day) -> u64, RGBColor);

fn bars(days: &[Day], series: &[Bars], size: (u32, u32), l: &Labels) -> String {
    if days.is_empty() {
        return format!("<p class=\"empty\">{}</p>", esc(&l.no_data));
    }
    let from = days[0].date;
    let n = days.len() as f64;
    let max = days
        .iter()
        .flat_map(|d| series.iter().map(move |(f, _)| f(d)))
        .max()
        .unwrap_or(0) as f64;
    let ymax = ceiling(max.max(4.0));
    let label = if size.0 < 800 { 13 } else { 15 };
    svg(size, |root| {
        let mut c = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..ymax)?;
        c.configure_mesh()
            .disable_x_mesh()
            .x_labels(if size.0 < 800 { 5 } else { 8 })
            .y_labels(5)
            .x_label_formatter(&|x| day_label(from, *x))
            .y_label_formatter(&y_label)
            .label_style((FONT, label))
            .light_line_style(NO_LINE)
            .bold_line_style(RGBColor(0xe0, 0xe0, 0xe0))
            .axis_style(RGBColor(0x99, 0x99, 0x99))
            .draw()?;
        let k = series.len() as f64;
        let slot = 0.8 / k;
        for (i, d) in days.iter().enumerate() {
            for (j, (f, color)) in series.iter().enumerate() {
                let v = f(d);
                if v == 0 {
                    continue;
                }
                let x0 = i as f64 - 0.4 + slot * j as f64;
                c.draw_series(std::iter::once(Rectangle::new(
                    [(x0, 0.0), (x0 + slot, v as f64)],
                    color.filled(),
                )))?;
            }
        }
        Ok(())
    })
}

/// Findings per audit run, one line per severity.
fn trend(r: &Report, l: &Labels) -> String {
    let runs = &r.audit_history;
    if runs.is_empty() {
        return format!("<p class=\"empty\">{}</p>", esc(&l.no_data));
    }
    let max = runs
        .iter()
        .flat_map(|a| a.by_severity.values().copied())
        .max()
        .unwrap_or(0) as f64;
    let ymax = ceiling(max.max(4.0));
    let n = runs.len() as f64;
    svg((1160, 210), |root| {
        let mut c = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..ymax)?;
        c.configure_mesh()
            .disable_x_mesh()
            .x_labels(runs.len().min(10))
            .y_labels(5)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                runs.get(i as usize)
                    .map(|a| format!("#{} {}", a.run, a.date.format("%m/%d")))
                    .unwrap_or_default()
            })
            .y_label_formatter(&y_label)
            .label_style((FONT, 15))
            .light_line_style(NO_LINE)
            .bold_line_style(RGBColor(0xe0, 0xe0, 0xe0))
            .axis_style(RGBColor(0x99, 0x99, 0x99))
            .draw()?;
        for (i, sev) in SEVERITIES.iter().enumerate() {
            let pts: Vec<(f64, f64)> = runs
                .iter()
                .enumerate()
                .map(|(x, a)| {
                    (
                        x as f64,
                        a.by_severity.get(*sev).copied().unwrap_or(0) as f64,
                    )
                })
                .collect();
            c.draw_series(LineSeries::new(pts.clone(), C_SEV[i].stroke_width(3)))?;
            c.draw_series(
                pts.into_iter()
                    .map(|p| Circle::new(p, 4, C_SEV[i].filled())),
            )?;
        }
        Ok(())
    })
}

/// The projection sentence's numbers, for `messages`.
pub fn projection_numbers(p: &Projection) -> (String, String, String) {
    (
        grouped(p.initial_at_enforce),
        grouped(p.pending_at_enforce),
        format!("{:.1}", p.pace_per_day),
    )
}
