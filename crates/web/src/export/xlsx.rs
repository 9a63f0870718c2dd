//! XLSX workbooks: sheets of rows, with native Excel bar charts where counts are shown.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, XlsxError};

/// One sheet: a header row, data rows, and optionally a bar chart of two columns.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Sheet name (at most 31 characters; Excel's limit).
    pub name: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows; cells that parse as numbers are written as numbers.
    pub rows: Vec<Vec<String>>,
    /// A bar chart of (label column, value column), titled.
    pub chart: Option<(usize, usize, String)>,
}

/// Writes the workbook and returns its bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let name: String = sheet.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
            ws.set_column_width(c as u16, 24)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) if !cell.trim().is_empty() => ws.write_number(r, c, n)?,
                    _ => ws.write_string(r, c, cell)?,
                };
            }
        }
        if let Some((label_col, value_col, title)) = &sheet.chart
            && !sheet.rows.is_empty()
        {
            let last = sheet.rows.len() as u32;
            let mut chart = Chart::new(ChartType::Bar);
            chart.title().set_name(title);
            chart
                .add_series()
                .set_categories((name.as_str(), 1, *label_col as u16, last, *label_col as u16))
                .set_values((name.as_str(), 1, *value_col as u16, last, *value_col as u16))
                .set_name(title);
            chart.legend().set_hidden();
            ws.insert_chart(1, (sheet.header.len() + 1) as u16, &chart)?;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_workbook_with_a_chart() {
        let sheet = Sheet {
            name: "Post-box: themes".into(),
            header: vec!["Theme".into(), "Notes".into()],
            rows: vec![vec!["Policy".into(), "3".into()], vec!["Supervision".into(), "2".into()]],
            chart: Some((0, 1, "Notes by theme".into())),
        };
        let bytes = workbook(&[sheet]).unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip");
        assert!(bytes.len() > 2000);
    }
}
