//! A small PDF writer for plain A4 documents: a title, headings, wrapped paragraphs, bullet
//! lists, simple tables and horizontal bar charts, on as many pages as they need.
//!
//! Text is set in Helvetica, one of the fonts every PDF reader has, so nothing is embedded.
//! Characters outside Windows-1252 (which covers English, most Western European accents and
//! typographic quotes and dashes) print as "?".

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY: f32 = 11.0;
const LEADING: f32 = 1.4;

/// One block of a document.
#[derive(Debug, Clone)]
enum Block {
    Heading(String),
    Paragraph(String),
    Bullets(Vec<String>),
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
    Bars { title: String, bars: Vec<(String, f64)> },
}

/// A document being built; [`Document::render`] lays it out and returns the PDF bytes.
#[derive(Debug, Clone)]
pub struct Document {
    title: String,
    blocks: Vec<Block>,
}

impl Document {
    /// A new document with a title (printed large on page one and set as the PDF's title).
    pub fn new(title: &str) -> Document {
        Document { title: title.to_owned(), blocks: vec![] }
    }

    /// A section heading.
    pub fn heading(mut self, text: &str) -> Document {
        self.blocks.push(Block::Heading(text.to_owned()));
        self
    }

    /// A paragraph; blank lines in `text` start new paragraphs.
    pub fn paragraph(mut self, text: &str) -> Document {
        for para in text.split("\n\n") {
            self.blocks.push(Block::Paragraph(para.trim().to_owned()));
        }
        self
    }

    /// A bulleted list.
    pub fn bullets<S: AsRef<str>>(mut self, items: &[S]) -> Document {
        self.blocks.push(Block::Bullets(items.iter().map(|s| s.as_ref().to_owned()).collect()));
        self
    }

    /// A table with a header row; columns share the width equally.
    pub fn table(mut self, header: &[&str], rows: Vec<Vec<String>>) -> Document {
        self.blocks.push(Block::Table { header: header.iter().map(|s| (*s).to_owned()).collect(), rows });
        self
    }

    /// A horizontal bar chart of (label, value).
    pub fn bar_chart(mut self, title: &str, bars: Vec<(String, f64)>) -> Document {
        self.blocks.push(Block::Bars { title: title.to_owned(), bars });
        self
    }

    /// Lays the document out and writes the PDF.
    pub fn render(&self) -> Vec<u8> {
        let mut layout = Layout::new();
        layout.text_block(&self.title, 18.0, true, 0.0);
        layout.gap(8.0);
        for block in &self.blocks {
            layout.block(block);
        }
        layout.finish(&self.title)
    }
}

/// Pages in progress.
struct Layout {
    pages: Vec<Content>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout { pages: vec![Content::new()], y: PAGE_H - MARGIN }
    }

    fn content(&mut self) -> &mut Content {
        self.pages.last_mut().expect("there is always a page")
    }

    fn need(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.pages.push(Content::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(t) => {
                self.gap(6.0);
                self.need(40.0);
                self.text_block(t, 14.0, true, 0.0);
                self.gap(2.0);
            }
            Block::Paragraph(t) => {
                self.text_block(t, BODY, false, 0.0);
                self.gap(6.0);
            }
            Block::Bullets(items) => {
                for item in items {
                    self.need(BODY * LEADING);
                    let y = self.y;
                    self.show(MARGIN + 4.0, y - BODY, BODY, false, "\u{2022}");
                    self.text_block(item, BODY, false, 16.0);
                    self.gap(2.0);
                }
                self.gap(4.0);
            }
            Block::Table { header, rows } => self.table(header, rows),
            Block::Bars { title, bars } => self.bars(title, bars),
        }
    }

    /// Wrapped text from the left margin plus `indent`.
    fn text_block(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let width = PAGE_W - 2.0 * MARGIN - indent;
        for line in wrap(text, size, width) {
            self.need(size * LEADING);
            self.y -= size * LEADING;
            let y = self.y;
            self.show(MARGIN + indent, y + size * (LEADING - 1.0), size, bold, &line);
        }
    }

    fn show(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        let font = if bold { Name(b"F2") } else { Name(b"F1") };
        let bytes = win_ansi(text);
        let c = self.content();
        c.begin_text();
        c.set_font(font, size);
        c.next_line(x, y);
        c.show(Str(&bytes));
        c.end_text();
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let cols = header.len().max(1);
        let col_w = (PAGE_W - 2.0 * MARGIN) / cols as f32;
        let size = 10.0;
        for (i, row) in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)).enumerate() {
            let cells: Vec<Vec<String>> =
                (0..cols).map(|c| wrap(row.get(c).map_or("", String::as_str), size, col_w - 6.0)).collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * size * LEADING + 4.0;
            self.need(height);
            let top = self.y;
            for (c, cell) in cells.iter().enumerate() {
                for (l, line) in cell.iter().enumerate() {
                    let y = top - (l as f32 + 1.0) * size * LEADING + size * (LEADING - 1.0);
                    self.show(MARGIN + c as f32 * col_w, y, size, i == 0, line);
                }
            }
            self.y = top - height;
            let y = self.y + 2.0;
            let c = self.content();
            c.set_line_width(if i == 0 { 1.0 } else { 0.4 });
            c.move_to(MARGIN, y);
            c.line_to(PAGE_W - MARGIN, y);
            c.stroke();
        }
        self.gap(8.0);
    }

    fn bars(&mut self, title: &str, bars: &[(String, f64)]) {
        self.text_block(title, BODY, true, 0.0);
        let max = bars.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max).max(1.0);
        let label_w = 170.0;
        let bar_max = PAGE_W - 2.0 * MARGIN - label_w - 40.0;
        for (label, value) in bars {
            self.need(18.0);
            self.y -= 18.0;
            let y = self.y;
            let label = wrap(label, 9.0, label_w - 6.0).into_iter().next().unwrap_or_default();
            self.show(MARGIN, y + 4.0, 9.0, false, &label);
            let w = (value / max) as f32 * bar_max;
            let c = self.content();
            c.set_fill_rgb(0.0, 0.325, 0.353);
            c.rect(MARGIN + label_w, y + 2.0, w.max(0.5), 11.0);
            c.fill_nonzero();
            c.set_fill_rgb(0.0, 0.0, 0.0);
            let shown = if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") };
            self.show(MARGIN + label_w + w + 4.0, y + 4.0, 9.0, false, &shown);
        }
        self.gap(10.0);
    }

    fn finish(self, title: &str) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let (regular, bold) = (Ref::new(3), Ref::new(4));
        let info = Ref::new(5);
        let n = self.pages.len();
        let page_ids: Vec<Ref> = (0..n).map(|i| Ref::new(10 + 2 * i as i32)).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids(page_ids.iter().copied()).count(n as i32);
        pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info).title(pdf_writer::TextStr(title)).producer(pdf_writer::TextStr("Recordwell"));
        for (i, content) in self.pages.into_iter().enumerate() {
            let (page_id, content_id) = (page_ids[i], Ref::new(11 + 2 * i as i32));
            let mut page = pdf.page(page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(content_id);
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            fonts.pair(Name(b"F1"), regular);
            fonts.pair(Name(b"F2"), bold);
            fonts.finish();
            resources.finish();
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

/// Breaks text into lines no wider than `width` points at `size`; long words are split.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = vec![];
    for source_line in text.lines() {
        let mut line = String::new();
        for word in source_line.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if text_width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line = word.to_owned();
            while text_width(&line, size) > width && line.chars().count() > 1 {
                let cut = split_to_fit(&line, size, width);
                lines.push(line[..cut].to_owned());
                line = line[cut..].to_owned();
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn split_to_fit(s: &str, size: f32, width: f32) -> usize {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if text_width(&s[..i + c.len_utf8()], size) > width {
            break;
        }
        end = i + c.len_utf8();
    }
    end.max(s.chars().next().map_or(1, char::len_utf8))
}

/// An estimate of Helvetica's width: close enough to wrap lines safely (it errs wide).
fn text_width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '\'' | '.' | ',' | ':' | ';' | '!' | '|' => 0.28,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | '/' | 'I' => 0.36,
            'm' | 'w' | 'M' | 'W' | '@' => 0.86,
            'A'..='Z' | '0'..='9' => 0.68,
            _ => 0.57,
        })
        .sum::<f32>()
        * size
}

/// Encodes text in Windows-1252 for the standard fonts.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '\u{2022}' => 0x95,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2026}' => 0x85,
            '\u{20ac}' => 0x80,
            '\t' => b' ',
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_multi_page_pdf_with_every_kind_of_block() {
        let long = "A sentence about recording that goes on. ".repeat(400);
        let pdf = Document::new("Post-box summary: “Recording” – cohort 1")
            .heading("Implications for the organisation")
            .paragraph(&long)
            .bullets(&["We need a policy on hunches", "Supervision should cover analysis"])
            .table(&["Theme", "Notes"], vec![vec!["Policy".into(), "3".into()], vec!["Supervision".into(), "2".into()]])
            .bar_chart("Notes by theme", vec![("Policy".into(), 3.0), ("Supervision".into(), 2.0)])
            .render();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.matches("/Type /Page\n").count() + text.matches("/Type /Page ").count() >= 2
                || text.contains("/Count 2")
                || text.contains("/Count 3"),
            "several pages"
        );
        assert!(text.contains("Helvetica"));
    }

    #[test]
    fn wraps_to_width_and_splits_long_words() {
        let lines = wrap("short words here and there", 10.0, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 10.0) <= 60.0));
        let long = wrap(&"x".repeat(200), 10.0, 100.0);
        assert!(long.len() > 1 && long.iter().all(|l| !l.is_empty()));
    }

    #[test]
    fn encodes_typographic_characters_and_replaces_the_rest() {
        assert_eq!(win_ansi("“a” – é"), vec![0x93, b'a', 0x94, b' ', 0x96, b' ', 0xe9]);
        assert_eq!(win_ansi("日"), b"?");
    }
}
