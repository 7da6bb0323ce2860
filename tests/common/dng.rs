//! A small DNG writer for the RAW tests: a Bayer (RGGB) mosaic of 16-bit samples in IFD0, an
//! optional embedded JPEG preview in a SubIFD, camera and time in EXIF — the parts of the DNG
//! specification LibRaw needs to extract the preview and develop the raw data.

/// Scene colour at (x, y) of a `width`-wide photo: red on the left half, blue on the right.
fn scene(x: u32, width: u32) -> [u16; 3] {
    match x < width / 2 {
        true => [60_000, 4_000, 4_000],
        false => [4_000, 4_000, 60_000],
    }
}

/// A DNG of `width × height` raw pixels (red left, blue right), with `preview` (a JPEG and
/// its size) embedded when given.
pub fn dng(width: u32, height: u32, preview: Option<(&[u8], u32, u32)>) -> Vec<u8> {
    let mut raw = Vec::with_capacity((width * height * 2) as usize);
    for y in 0..height {
        for x in 0..width {
            let [r, g, b] = scene(x, width);
            let sample = match (y % 2, x % 2) {
                (0, 0) => r,
                (1, 1) => b,
                _ => g,
            };
            raw.extend_from_slice(&sample.to_le_bytes());
        }
    }
    let mut file = Tiff::new();
    let raw_at = file.data(&raw);
    let preview_ifd = preview.map(|(jpeg, w, h)| {
        let at = file.data(jpeg);
        file.ifd(vec![
            (254, Value::Long(vec![1])),
            (256, Value::Long(vec![w])),
            (257, Value::Long(vec![h])),
            (258, Value::Short(vec![8, 8, 8])),
            (259, Value::Short(vec![7])),
            (262, Value::Short(vec![6])),
            (273, Value::Long(vec![at])),
            (277, Value::Short(vec![3])),
            (278, Value::Long(vec![h])),
            (279, Value::Long(vec![jpeg.len() as u32])),
        ])
    });
    let exif = file.ifd(vec![(36867, Value::Ascii("2026:05:04 10:20:30"))]);
    let identity = vec![
        (1, 1),
        (0, 1),
        (0, 1),
        (0, 1),
        (1, 1),
        (0, 1),
        (0, 1),
        (0, 1),
        (1, 1),
    ];
    let mut main = vec![
        (254, Value::Long(vec![0])),
        (256, Value::Long(vec![width])),
        (257, Value::Long(vec![height])),
        (258, Value::Short(vec![16])),
        (259, Value::Short(vec![1])),
        (262, Value::Short(vec![32803])),
        (271, Value::Ascii("Handoff")),
        (272, Value::Ascii("Test Camera")),
        (273, Value::Long(vec![raw_at])),
        (277, Value::Short(vec![1])),
        (278, Value::Long(vec![height])),
        (279, Value::Long(vec![raw.len() as u32])),
        (33421, Value::Short(vec![2, 2])),
        (33422, Value::Byte(vec![0, 1, 1, 2])),
        (34665, Value::Long(vec![exif])),
        (50706, Value::Byte(vec![1, 4, 0, 0])),
        (50708, Value::Ascii("Handoff Test Camera")),
        (50717, Value::Long(vec![65535])),
        (50721, Value::SRational(identity)),
        (50778, Value::Short(vec![21])),
    ];
    if let Some(at) = preview_ifd {
        main.push((330, Value::Long(vec![at])));
    }
    let first = file.ifd(main);
    file.bytes[4..8].copy_from_slice(&first.to_le_bytes());
    file.bytes
}

enum Value {
    Byte(Vec<u8>),
    Ascii(&'static str),
    Short(Vec<u16>),
    Long(Vec<u32>),
    SRational(Vec<(i32, i32)>),
}

impl Value {
    /// TIFF type number, count and little-endian payload.
    fn encoded(&self) -> (u16, u32, Vec<u8>) {
        match self {
            Value::Byte(v) => (1, v.len() as u32, v.clone()),
            Value::Ascii(s) => (2, s.len() as u32 + 1, [s.as_bytes(), &[0]].concat()),
            Value::Short(v) => (
                3,
                v.len() as u32,
                v.iter().flat_map(|n| n.to_le_bytes()).collect(),
            ),
            Value::Long(v) => (
                4,
                v.len() as u32,
                v.iter().flat_map(|n| n.to_le_bytes()).collect(),
            ),
            Value::SRational(v) => (
                10,
                v.len() as u32,
                v.iter()
                    .flat_map(|(n, d)| [n.to_le_bytes(), d.to_le_bytes()].concat())
                    .collect(),
            ),
        }
    }
}

struct Tiff {
    bytes: Vec<u8>,
}

impl Tiff {
    /// The little-endian header; the first IFD's offset is filled in at the end.
    fn new() -> Tiff {
        Tiff {
            bytes: b"II*\0\0\0\0\0".to_vec(),
        }
    }

    /// Appends `data` at an even offset and answers that offset.
    fn data(&mut self, data: &[u8]) -> u32 {
        if self.bytes.len() % 2 == 1 {
            self.bytes.push(0);
        }
        let at = self.bytes.len() as u32;
        self.bytes.extend_from_slice(data);
        at
    }

    /// Appends an IFD (entries sorted by tag, values over 4 bytes after it) and answers its offset.
    fn ifd(&mut self, mut entries: Vec<(u16, Value)>) -> u32 {
        entries.sort_by_key(|(tag, _)| *tag);
        let at = self.data(&[]);
        let mut outside = at + 2 + 12 * entries.len() as u32 + 4;
        let (mut table, mut values) = ((entries.len() as u16).to_le_bytes().to_vec(), Vec::new());
        for (tag, value) in &entries {
            let (kind, count, mut payload) = value.encoded();
            table.extend_from_slice(&tag.to_le_bytes());
            table.extend_from_slice(&kind.to_le_bytes());
            table.extend_from_slice(&count.to_le_bytes());
            if payload.len() <= 4 {
                payload.resize(4, 0);
                table.extend_from_slice(&payload);
            } else {
                table.extend_from_slice(&outside.to_le_bytes());
                payload.resize(payload.len().next_multiple_of(2), 0);
                outside += payload.len() as u32;
                values.extend_from_slice(&payload);
            }
        }
        table.extend_from_slice(&0u32.to_le_bytes());
        self.data(&[table, values].concat())
    }
}
