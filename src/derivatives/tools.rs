//! The external programs some media needs (ffmpeg, poppler, libheif, LibRaw): which are
//! installed, said once at start and shown in the health check's detail.

use crate::media;
use serde::Serialize;

/// An external program some media needs, and what goes without it.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tool {
    pub program: &'static str,
    /// The Debian package that provides it.
    pub package: &'static str,
    pub needed_for: &'static str,
    #[serde(skip)]
    version_flag: &'static str,
}

const TOOLS: [Tool; 7] = [
    Tool {
        program: "ffprobe",
        package: "ffmpeg",
        needed_for: "video and audio metadata",
        version_flag: "-version",
    },
    Tool {
        program: "ffmpeg",
        package: "ffmpeg",
        needed_for: "video poster frames, audio waveforms and proxies",
        version_flag: "-version",
    },
    Tool {
        program: "pdfinfo",
        package: "poppler-utils",
        needed_for: "PDF page counts",
        version_flag: "-v",
    },
    Tool {
        program: "pdftoppm",
        package: "poppler-utils",
        needed_for: "PDF thumbnails, previews and pages",
        version_flag: "-v",
    },
    Tool {
        program: media::heif::TOOL,
        package: "libheif-examples",
        needed_for: "HEIC and AVIF thumbnails and previews",
        version_flag: "--help",
    },
    Tool {
        program: media::raw::EXTRACT,
        package: "libraw-bin",
        needed_for: "camera RAW previews",
        version_flag: "-L",
    },
    Tool {
        program: media::raw::DEVELOP,
        package: "libraw-bin",
        needed_for: "camera RAW files without a large embedded preview",
        version_flag: "-h",
    },
];

/// The programs that are not installed, each said once in the log at start.
pub(super) fn missing_tools() -> Vec<Tool> {
    let missing: Vec<Tool> = TOOLS
        .into_iter()
        .filter(|t| !media::tool::available(t.program, t.version_flag))
        .collect();
    for tool in &missing {
        tracing::warn!(
            "{} is not installed (Debian: {}): no {}",
            tool.program,
            tool.package,
            tool.needed_for
        );
    }
    missing
}
