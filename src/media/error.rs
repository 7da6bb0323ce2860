use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Why an image could not be probed or rendered. `Display` gives a short
/// reason that is safe to show to the uploader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaError {
    /// Not an image format we decode (or a feature of it we do not support).
    Unsupported(String),
    /// Dimensions, decoded size or file size exceed the configured `Limits`.
    TooLarge(String),
    /// The file claims to be an image but cannot be decoded.
    Corrupt(String),
    /// The file could not be read.
    Io(String),
    /// Encoding the output failed.
    Encode(String),
    /// The rendition request itself is unusable (e.g. `max == 0`, bad watermark).
    InvalidRequest(String),
    /// The external program this format needs is not installed (its name).
    MissingTool(String),
    /// The work ran out of its time budget and was stopped.
    TimedOut(String),
}

impl fmt::Display for MediaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MediaError::Unsupported(why) => write!(f, "unsupported format ({why})"),
            MediaError::TooLarge(why) => write!(f, "image too large ({why})"),
            MediaError::Corrupt(why) => write!(f, "corrupt image: {why}"),
            MediaError::Io(why) => write!(f, "cannot read image: {why}"),
            MediaError::Encode(why) => write!(f, "cannot encode image: {why}"),
            MediaError::InvalidRequest(why) => write!(f, "invalid rendition: {why}"),
            MediaError::MissingTool(program) => write!(f, "{program} is not installed"),
            MediaError::TimedOut(why) => write!(f, "stopped at its time budget: {why}"),
        }
    }
}

impl std::error::Error for MediaError {}

impl From<std::io::Error> for MediaError {
    fn from(err: std::io::Error) -> Self {
        MediaError::Io(err.to_string())
    }
}

impl From<image::ImageError> for MediaError {
    fn from(err: image::ImageError) -> Self {
        use image::ImageError as E;
        match err {
            E::Unsupported(e) => MediaError::Unsupported(e.to_string()),
            E::Limits(e) => MediaError::TooLarge(e.to_string()),
            E::Encoding(e) => MediaError::Encode(e.to_string()),
            // We decode from memory, so an I/O error here means the data
            // ended early rather than a failing disk.
            E::Decoding(_) | E::Parameter(_) | E::IoError(_) => {
                MediaError::Corrupt(err.to_string())
            }
        }
    }
}

impl From<jpeg_decoder::Error> for MediaError {
    fn from(err: jpeg_decoder::Error) -> Self {
        match err {
            jpeg_decoder::Error::Unsupported(feature) => {
                MediaError::Unsupported(format!("JPEG feature {feature:?}"))
            }
            other => MediaError::Corrupt(other.to_string()),
        }
    }
}

/// Runs `work`, turning a panic (decoders on hostile input are the usual
/// suspects) into a `Corrupt` error so one bad upload cannot take down a
/// worker thread.
pub(super) fn catch_panics<T>(
    work: impl FnOnce() -> Result<T, MediaError>,
) -> Result<T, MediaError> {
    catch_unwind(AssertUnwindSafe(work))
        .unwrap_or_else(|_| Err(MediaError::Corrupt("decoder panicked".into())))
}
