//! Charts for pages, drawn on the server as SVG, so they show without JavaScript, print, and can
//! be read by assistive technology (each chart has a title, and the page always has the same
//! figures as a table beside it). Every label is escaped: cards are typed by participants.

use crate::views::escape;
use std::fmt::Write;

/// A grouped horizontal bar chart: for each category (an element), one bar per series (a service
/// group), each a value from 0 to 1 shown as a percentage.
pub struct GroupedBars<'a> {
    /// The chart's title (also its accessible name).
    pub title: &'a str,
    /// The series' names, in the order of each category's values.
    pub series: &'a [String],
    /// Categories: label and one value per series.
    pub categories: &'a [(String, Vec<f64>)],
}

const LABEL_W: f64 = 320.0;
const BAR_W: f64 = 360.0;
const BAR_H: f64 = 16.0;
const GAP: f64 = 14.0;
const LEGEND_H: f64 = 24.0;

impl GroupedBars<'_> {
    /// The SVG element.
    pub fn render(&self) -> String {
        let per_category = self.series.len().max(1) as f64 * BAR_H + GAP;
        let legend = self.series.len() as f64 * LEGEND_H;
        let height = 30.0 + legend + self.categories.len() as f64 * per_category;
        let width = LABEL_W + BAR_W + 60.0;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg class="rw-chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title>"#,
            escape(self.title)
        );
        for (i, name) in self.series.iter().enumerate() {
            let y = 10.0 + i as f64 * LEGEND_H;
            let _ = write!(
                svg,
                r#"<rect class="rw-bar rw-bar--{}" x="0" y="{y}" width="16" height="16"/><text x="24" y="{}">{}</text>"#,
                i % 4 + 1,
                y + 13.0,
                escape(name)
            );
        }
        for (c, (label, values)) in self.categories.iter().enumerate() {
            let top = 20.0 + legend + c as f64 * per_category;
            let _ = write!(svg, r#"<text x="0" y="{}">{}</text>"#, top + 13.0, escape(&shorten(label, 44)));
            for (i, v) in values.iter().enumerate() {
                let v = v.clamp(0.0, 1.0);
                let y = top + i as f64 * BAR_H;
                let _ = write!(
                    svg,
                    r#"<rect class="rw-bar rw-bar--{}" x="{LABEL_W}" y="{y}" width="{:.1}" height="{}"/><text x="{:.1}" y="{}">{:.0}%</text>"#,
                    i % 4 + 1,
                    (v * BAR_W).max(1.0),
                    BAR_H - 3.0,
                    LABEL_W + (v * BAR_W).max(1.0) + 6.0,
                    y + 12.0,
                    v * 100.0
                );
            }
        }
        svg.push_str("</svg>");
        svg
    }
}

/// At most `chars` characters, with an ellipsis when cut.
fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_values_drawn_as_percentages() {
        let series = vec!["Children & families".to_owned(), "Other services".to_owned()];
        let categories = vec![("<script>alert(1)</script>".to_owned(), vec![0.5, 1.2])];
        let svg = GroupedBars { title: "Priorities \"by\" service", series: &series, categories: &categories }.render();
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"), "{svg}");
        assert!(svg.contains("Children &amp; families") && svg.contains("Priorities &quot;by&quot; service"));
        assert!(svg.contains(">50%<") && svg.contains(">100%<"), "values are clamped to 0-100%: {svg}");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("short", 44), "short");
        assert_eq!(shorten(&"word ".repeat(20), 10).chars().count(), 10);
    }
}
