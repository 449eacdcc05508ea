//! Charts drawn on the server as SVG, so they show without JavaScript, print crisply and pass
//! the content security policy (no inline style: colours are presentation attributes).
//!
//! Three shapes cover the dashboards: horizontal bars (categories with long names), columns
//! (months along an axis) and one stacked bar (shares of a whole). Every chart is an image
//! with a `<title>` and a `<desc>` (`role="img"`, `aria-labelledby`); its numbers are written
//! on the bars, and its series differ by pattern as well as colour, so nothing is told by
//! colour alone. The data table printed beside each chart is what screen readers use.

use std::fmt::Write as _;

/// How a chart lays out its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One row per category, a bar per series, the value at the end of each bar.
    Bars,
    /// One group of columns per category along a horizontal axis, for time series.
    Columns,
    /// One bar per category, its series stacked into a whole.
    Stacked,
}

/// One value: how long its bar is, and the words written on it ("1,234", "<3", "62%").
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub value: f64,
    pub label: String,
}

/// The values of one series, one point per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

/// Everything a chart shows.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// Unique on the page: it names the title, description and patterns.
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    /// Category labels; for columns, a `\n` puts the rest on a second line (a year).
    pub categories: &'a [String],
    pub series: &'a [Series],
    pub shape: Shape,
}

/// Fill colours, each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 of graphics), and
/// with white text on them readable too.
const COLOURS: [&str; 4] = ["#1d4ed8", "#b45309", "#047857", "#7e22ce"];
const INK: &str = "#1f2937";
const MUTED: &str = "#4b5563";
const AXIS: &str = "#6b7280";
/// The width of the drawing: bars are read across, so a narrower one keeps their text large
/// when a phone shrinks it; a time axis needs the room.
const BARS_WIDTH: f64 = 560.0;
const COLUMNS_WIDTH: f64 = 640.0;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/// Text made safe inside SVG elements and attributes.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The width text takes at `size` pixels, estimated: ideographs and other wide characters
/// take a full em, the rest a little over half. Enough to lay out labels without a font.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' => 0.3,
            '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' => 1.0,
            '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' => 1.0,
            '\u{20000}'..='\u{3fffd}' => 1.0,
            c if c.is_ascii_uppercase() || c == '%' || c == 'm' || c == 'w' => 0.68,
            _ => 0.56,
        })
        .sum::<f64>()
        * size
}

/// `text` cut to fit `width` at `size`, ending in an ellipsis when cut.
fn fit(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let next = format!("{out}{c}…");
        if text_width(&next, size) > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A number for an SVG attribute: one decimal at most.
fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The paint of series `i`: a plain colour for the first, patterns on the others.
fn paint(id: &str, i: usize) -> String {
    if i == 0 {
        COLOURS[0].to_string()
    } else {
        format!("url(#{id}-p{i})")
    }
}

fn colour(i: usize) -> &'static str {
    COLOURS[i % COLOURS.len()]
}

/// Pattern definitions for series after the first: stripes, dots, cross-hatching.
fn patterns(out: &mut String, id: &str, series: usize) {
    if series < 2 {
        return;
    }
    out.push_str("<defs>");
    for i in 1..series {
        let c = colour(i);
        let marks = match i % 3 {
            1 => r##"<rect width="2.5" height="6" fill="#ffffff" fill-opacity="0.5"/>"##,
            2 => r##"<circle cx="3" cy="3" r="1.3" fill="#ffffff" fill-opacity="0.6"/>"##,
            _ => {
                r##"<path d="M0 3H6M3 0V6" stroke="#ffffff" stroke-opacity="0.5" stroke-width="1.2"/>"##
            }
        };
        let turn = if i % 3 == 1 {
            r#" patternTransform="rotate(45)""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<pattern id="{id}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse"{turn}><rect width="6" height="6" fill="{c}"/>{marks}</pattern>"#
        );
    }
    out.push_str("</defs>");
}

/// The legend: a swatch and a name per series (and its value, for a single stacked bar),
/// wrapped onto as many lines as it needs. Returns the height it took.
fn legend(out: &mut String, chart: &Chart, top: f64, with_values: bool) -> f64 {
    let width = width(chart.shape);
    if chart.series.len() < 2 {
        return 0.0;
    }
    let (mut x, mut y) = (8.0, top);
    for (i, s) in chart.series.iter().enumerate() {
        let text = match (with_values, s.points.first()) {
            (true, Some(p)) => format!("{} {}", s.name, p.label),
            _ => s.name.clone(),
        };
        let w = 18.0 + text_width(&text, 12.0) + 16.0;
        if x + w > width && x > 8.0 {
            x = 8.0;
            y += 20.0;
        }
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="12" height="12" fill="{}" stroke="{}"/><text x="{}" y="{}" fill="{INK}">{}</text>"#,
            n(x),
            n(y),
            paint(chart.id, i),
            colour(i),
            n(x + 18.0),
            n(y + 10.5),
            esc(&text)
        );
        x += w;
    }
    y + 20.0 - top
}

fn open(out: &mut String, chart: &Chart, height: f64) {
    let id = chart.id;
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="chart-svg chart-{shape}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{font}" font-size="12"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        w = n(width(chart.shape)),
        h = n(height),
        shape = match chart.shape {
            Shape::Bars => "bars",
            Shape::Columns => "columns",
            Shape::Stacked => "stacked",
        },
        font = esc(FONT),
        title = esc(chart.title),
        desc = esc(chart.desc),
    );
    patterns(out, id, chart.series.len());
}

fn width(shape: Shape) -> f64 {
    match shape {
        Shape::Columns => COLUMNS_WIDTH,
        Shape::Bars | Shape::Stacked => BARS_WIDTH,
    }
}

/// The largest value of the chart, the length of a full bar; 1 when all are zero.
fn scale(chart: &Chart) -> f64 {
    let max = chart
        .series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.value)
        .fold(0.0, f64::max);
    if max > 0.0 { max } else { 1.0 }
}

/// The chart as an SVG element, ready to place in a page.
pub fn svg(chart: &Chart) -> String {
    match chart.shape {
        Shape::Bars => bars(chart),
        Shape::Columns => columns(chart),
        Shape::Stacked => stacked(chart),
    }
}

fn bars(chart: &Chart) -> String {
    let series = chart.series.len().max(1);
    let bar = if series == 1 { 20.0 } else { 15.0 };
    let group = series as f64 * bar + (series as f64 - 1.0) * 2.0 + 12.0;
    let label_width = chart
        .categories
        .iter()
        .map(|c| text_width(c, 12.0))
        .fold(40.0, f64::max)
        .min(190.0);
    let value_width = chart
        .series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| text_width(&p.label, 12.0))
        .fold(16.0, f64::max)
        + 10.0;
    let x0 = 8.0 + label_width + 8.0;
    let room = BARS_WIDTH - x0 - value_width - 4.0;
    let mut body = String::new();
    let top = legend(&mut body, chart, 6.0, false) + 8.0;
    let scale = scale(chart);
    for (c, label) in chart.categories.iter().enumerate() {
        let y = top + c as f64 * group;
        let middle = y + (group - 12.0) / 2.0;
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" dy="0.35em" text-anchor="end" fill="{INK}">{}<title>{}</title></text>"#,
            n(x0 - 8.0),
            n(middle),
            esc(&fit(label, label_width, 12.0)),
            esc(label)
        );
        for (i, s) in chart.series.iter().enumerate() {
            let Some(p) = s.points.get(c) else { continue };
            let by = y + i as f64 * (bar + 2.0);
            let mut w = (p.value.max(0.0) / scale * room).min(room);
            if p.value > 0.0 {
                w = w.max(1.5);
                let _ = write!(
                    body,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" shape-rendering="crispEdges"/>"#,
                    n(x0),
                    n(by),
                    n(w),
                    n(bar),
                    paint(chart.id, i),
                    colour(i)
                );
            }
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" dy="0.35em" fill="{INK}">{}</text>"#,
                n(x0 + w + 5.0),
                n(by + bar / 2.0),
                esc(&p.label)
            );
        }
    }
    let bottom = top + chart.categories.len() as f64 * group;
    let _ = write!(
        body,
        r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{AXIS}" shape-rendering="crispEdges"/>"#,
        n(top - 4.0),
        n(bottom - 8.0),
        x = n(x0),
    );
    let mut out = String::new();
    open(&mut out, chart, bottom + 4.0);
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

fn columns(chart: &Chart) -> String {
    let series = chart.series.len().max(1) as f64;
    let count = chart.categories.len().max(1) as f64;
    let group = (COLUMNS_WIDTH - 16.0) / count;
    let inner = group * 0.8;
    let bar = inner / series;
    let plot = 170.0;
    let size = 10.0;
    // Values that do not fit across their column are written upwards along it.
    let turned = chart
        .series
        .iter()
        .flat_map(|s| &s.points)
        .any(|p| text_width(&p.label, size) > bar - 1.0);
    let label_room = if turned {
        chart
            .series
            .iter()
            .flat_map(|s| &s.points)
            .map(|p| text_width(&p.label, size))
            .fold(0.0, f64::max)
            + 8.0
    } else {
        16.0
    };
    let mut body = String::new();
    let top = legend(&mut body, chart, 6.0, false) + 6.0 + label_room;
    let base = top + plot;
    let scale = scale(chart);
    for (c, label) in chart.categories.iter().enumerate() {
        let gx = 8.0 + c as f64 * group;
        for (i, s) in chart.series.iter().enumerate() {
            let Some(p) = s.points.get(c) else { continue };
            let x = gx + (group - inner) / 2.0 + i as f64 * bar;
            let h = (p.value.max(0.0) / scale * plot).min(plot);
            if p.value > 0.0 {
                let h = h.max(1.5);
                let _ = write!(
                    body,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" shape-rendering="crispEdges"/>"#,
                    n(x + 0.5),
                    n(base - h),
                    n((bar - 1.0).max(1.0)),
                    n(h),
                    paint(chart.id, i),
                    colour(i)
                );
            }
            if p.label.is_empty() {
                continue;
            }
            let (lx, ly) = (x + bar / 2.0, base - h - 4.0);
            if turned {
                let _ = write!(
                    body,
                    r#"<text x="{x}" y="{y}" dy="0.35em" font-size="{size}" fill="{INK}" transform="rotate(-90 {x} {y})">{}</text>"#,
                    esc(&p.label),
                    x = n(lx),
                    y = n(ly),
                );
            } else {
                let _ = write!(
                    body,
                    r#"<text x="{}" y="{}" font-size="{size}" text-anchor="middle" fill="{INK}">{}</text>"#,
                    n(lx),
                    n(ly),
                    esc(&p.label)
                );
            }
        }
        let mut lines = label.splitn(2, '\n');
        let cx = gx + group / 2.0;
        if let Some(first) = lines.next() {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" font-size="{size}" text-anchor="middle" fill="{INK}">{}</text>"#,
                n(cx),
                n(base + 13.0),
                esc(&fit(first, group + 2.0, size))
            );
        }
        if let Some(second) = lines.next() {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" font-size="{size}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
                n(cx),
                n(base + 26.0),
                esc(second)
            );
        }
    }
    let _ = write!(
        body,
        r#"<line x1="8" y1="{y}" x2="{}" y2="{y}" stroke="{AXIS}" shape-rendering="crispEdges"/>"#,
        n(COLUMNS_WIDTH - 8.0),
        y = n(base + 0.5),
    );
    let mut out = String::new();
    open(&mut out, chart, base + 32.0);
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

fn stacked(chart: &Chart) -> String {
    let single = chart.categories.len() == 1;
    let mut body = String::new();
    let top = legend(&mut body, chart, 6.0, single) + 8.0;
    let label_width = if single {
        0.0
    } else {
        chart
            .categories
            .iter()
            .map(|c| text_width(c, 12.0))
            .fold(40.0, f64::max)
            .min(210.0)
            + 8.0
    };
    let x0 = 8.0 + label_width;
    let room = BARS_WIDTH - x0 - 8.0;
    let bar = 28.0;
    for (c, label) in chart.categories.iter().enumerate() {
        let y = top + c as f64 * (bar + 10.0);
        if !single {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" dy="0.35em" text-anchor="end" fill="{INK}">{}<title>{}</title></text>"#,
                n(x0 - 8.0),
                n(y + bar / 2.0),
                esc(&fit(label, label_width - 8.0, 12.0)),
                esc(label)
            );
        }
        let total: f64 = chart
            .series
            .iter()
            .filter_map(|s| s.points.get(c))
            .map(|p| p.value.max(0.0))
            .sum();
        if total <= 0.0 {
            continue;
        }
        let mut x = x0;
        for (i, s) in chart.series.iter().enumerate() {
            let Some(p) = s.points.get(c) else { continue };
            let w = p.value.max(0.0) / total * room;
            if w <= 0.0 {
                continue;
            }
            let _ = write!(
                body,
                r##"<rect x="{}" y="{}" width="{}" height="{bar}" fill="{}" stroke="#ffffff" shape-rendering="crispEdges"/>"##,
                n(x),
                n(y),
                n(w),
                paint(chart.id, i)
            );
            // On a bar of its own row, each share is written on its segment where it fits.
            if !single && text_width(&p.label, 12.0) + 8.0 <= w {
                let _ = write!(
                    body,
                    r##"<text x="{}" y="{}" dy="0.35em" text-anchor="middle" fill="#ffffff" font-weight="600">{}</text>"##,
                    n(x + w / 2.0),
                    n(y + bar / 2.0),
                    esc(&p.label)
                );
            }
            x += w;
        }
    }
    let height = top + chart.categories.len() as f64 * (bar + 10.0);
    let mut out = String::new();
    open(&mut out, chart, height);
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, values: &[f64]) -> Series {
        Series {
            name: name.into(),
            points: values
                .iter()
                .map(|v| Point {
                    value: *v,
                    label: format!("{v}"),
                })
                .collect(),
        }
    }

    fn chart<'a>(shape: Shape, categories: &'a [String], s: &'a [Series]) -> Chart<'a> {
        Chart {
            id: "c1",
            title: "Title <&>",
            desc: "Desc",
            categories,
            series: s,
            shape,
        }
    }

    #[test]
    fn every_shape_is_an_accessible_image_with_its_values_written() {
        let cats = vec!["建筑工程".to_string(), "Civil <engineering>".to_string()];
        let s = vec![series("A", &[12.0, 3.0]), series("B", &[7.0, 0.0])];
        for shape in [Shape::Bars, Shape::Columns, Shape::Stacked] {
            let out = svg(&chart(shape, &cats, &s));
            assert!(out.starts_with("<svg "), "{out}");
            assert!(out.ends_with("</svg>"));
            assert!(out.contains(r#"role="img""#));
            assert!(out.contains(r#"aria-labelledby="c1-title c1-desc""#));
            assert!(out.contains(r#"<title id="c1-title">Title &lt;&amp;&gt;</title>"#));
            assert!(
                out.contains("url(#c1-p1)"),
                "the second series is patterned"
            );
            assert!(!out.contains("<engineering>"), "labels are escaped");
            assert!(!out.contains("style="), "no inline style under the CSP");
            if shape != Shape::Stacked {
                assert!(out.contains(">12<"), "{shape:?}: values are written");
            }
        }
    }

    #[test]
    fn zero_values_draw_no_bar_and_all_zero_is_not_a_division_by_zero() {
        let cats = vec!["x".to_string()];
        let s = vec![series("A", &[0.0])];
        let out = svg(&chart(Shape::Bars, &cats, &s));
        assert!(!out.contains("<rect"), "{out}");
        assert!(!out.contains("NaN"));
    }

    #[test]
    fn long_labels_are_cut_with_the_whole_label_kept_as_a_tooltip() {
        let long = "计算机IT信息工程计算机IT信息工程计算机IT信息工程".to_string();
        let cats = vec![long.clone()];
        let s = vec![series("A", &[1.0])];
        let out = svg(&chart(Shape::Bars, &cats, &s));
        assert!(out.contains('…'));
        assert!(out.contains(&format!("<title>{long}</title>")));
    }

    #[test]
    fn wide_characters_count_as_a_full_em() {
        assert_eq!(text_width("工程", 10.0), 20.0);
        assert!(text_width("ab", 10.0) < 12.0);
    }
}
