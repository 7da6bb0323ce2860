//! PDFs written by hand for the media tests: objects, then the cross-reference table with
//! their offsets.

/// A PDF of `pages` pages of 400×300 pt, each filled with one colour of `colours` in turn.
pub fn pdf(pages: usize, colours: &[[u8; 3]]) -> Vec<u8> {
    let drawings: Vec<String> = colours
        .iter()
        .map(|[r, g, b]| {
            format!(
                "{} {} {} rg 0 0 400 300 re f",
                f32::from(*r) / 255.0,
                f32::from(*g) / 255.0,
                f32::from(*b) / 255.0
            )
        })
        .collect();
    pdf_drawing(pages, &drawings)
}

/// A PDF of `pages` pages of 400×300 pt, each drawn by one content stream of `drawings` in turn.
pub fn pdf_drawing(pages: usize, drawings: &[String]) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 3 + drawings.len() + i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ];
    for draw in drawings {
        objects.push(format!(
            "<< /Length {} >>\nstream\n{draw}\nendstream",
            draw.len()
        ));
    }
    for page in 0..pages {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents {} 0 R >>",
            3 + page % drawings.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}
