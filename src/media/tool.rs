//! External programs (ffmpeg, poppler) run on untrusted files: with a time budget, killed when
//! it runs out, and with a missing program named in the error rather than a silent icon.

use super::MediaError;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

/// What a program may print that we keep (ffprobe's JSON, pdfinfo's lines, error messages).
const KEPT_OUTPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Whether `program` runs here (answers `-v`/`-version` without failing to start).
pub fn available(program: &str, version_flag: &str) -> bool {
    Command::new(program)
        .arg(version_flag)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `command` to its end within `budget` and answers its standard output; a program that
/// is not installed, fails, or overruns its budget (then it is killed) is an error saying so.
pub fn run(command: &mut Command, budget: Duration) -> Result<Vec<u8>, MediaError> {
    let (stdout, _) = run_capturing(command, budget, None)?;
    Ok(stdout)
}

/// [`run`] for a program that writes `out` and reports its failures only on standard error
/// (LibRaw's tools end with status 0 either way): no file at `out` is an error with that message.
pub fn run_to_file(command: &mut Command, out: &Path, budget: Duration) -> Result<(), MediaError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let (_, stderr) = run_capturing(command, budget, None)?;
    match out.metadata() {
        Ok(m) if m.len() > 0 => Ok(()),
        _ => Err(MediaError::Corrupt(failure(&program, &stderr))),
    }
}

/// [`run`] for a program that reports its progress in lines on standard output (ffmpeg's
/// `-progress pipe:1`): each line goes to `on_line` as it comes.
pub fn run_reporting(
    command: &mut Command,
    budget: Duration,
    on_line: &mut (dyn FnMut(&str) + Send),
) -> Result<(), MediaError> {
    run_capturing(command, budget, Some(on_line)).map(|_| ())
}

/// The program's standard output (or, with `on_line`, nothing: each line went there) and
/// error. It runs at a lower priority (`nice`), so a long job on a large file leaves the CPU
/// to the requests the server is answering.
fn run_capturing(
    command: &mut Command,
    budget: Duration,
    on_line: Option<&mut (dyn FnMut(&str) + Send)>,
) -> Result<(Vec<u8>, Vec<u8>), MediaError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = niced(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| MediaError::Io(format!("{program}: {e}")))?;
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    // Both pipes are read while the program runs, so a chatty one never blocks on a full pipe.
    std::thread::scope(|scope| {
        let stdout = scope.spawn(move || match on_line {
            Some(on_line) => {
                if let Some(pipe) = stdout {
                    let lines = BufReader::new(pipe).lines().map_while(|l| l.ok());
                    lines.for_each(|line| on_line(&line));
                }
                Vec::new()
            }
            None => kept(stdout),
        });
        let stderr = scope.spawn(move || kept(stderr));
        let finished = child.wait_timeout(budget)?;
        if finished.is_none() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let (stdout, stderr) = (
            stdout.join().unwrap_or_default(),
            stderr.join().unwrap_or_default(),
        );
        match finished.map(|status| status.code()) {
            None => Err(MediaError::TimedOut(format!(
                "{program} did not finish within {} s",
                budget.as_secs()
            ))),
            Some(Some(0)) => Ok((stdout, stderr)),
            // nice's own answer when the program cannot be found.
            Some(Some(127)) => Err(MediaError::MissingTool(program.clone())),
            Some(_) => Err(MediaError::Corrupt(failure(&program, &stderr))),
        }
    })
}

/// What a pipe carries, up to [`KEPT_OUTPUT_BYTES`]; the rest is read and dropped.
fn kept(pipe: Option<impl Read>) -> Vec<u8> {
    let mut kept = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.by_ref().take(KEPT_OUTPUT_BYTES).read_to_end(&mut kept);
        let _ = std::io::copy(&mut pipe, &mut std::io::sink());
    }
    kept
}

/// `command` under `nice -n 10`, with its arguments, environment and folder.
fn niced(command: &Command) -> Command {
    let mut niced = Command::new("nice");
    niced
        .args(["-n", "10"])
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => niced.env(key, value),
            None => niced.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        niced.current_dir(dir);
    }
    niced
}

/// "program failed: " and the first line the program printed on standard error.
fn failure(program: &str, stderr: &[u8]) -> String {
    let message = String::from_utf8_lossy(stderr);
    let first_line = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    format!(
        "{program} failed: {}",
        first_line.chars().take(200).collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_named() {
        let err = run(
            &mut Command::new("no-such-program-here"),
            Duration::from_secs(5),
        )
        .unwrap_err();
        assert_eq!(err, MediaError::MissingTool("no-such-program-here".into()));
        assert!(err
            .to_string()
            .contains("no-such-program-here is not installed"));
    }

    #[test]
    fn programs_run_at_a_lower_priority() {
        let niceness = run(&mut Command::new("nice"), Duration::from_secs(5)).unwrap();
        assert_eq!(String::from_utf8_lossy(&niceness).trim(), "10");
    }

    #[test]
    fn a_missing_output_file_fails_with_what_the_program_said() {
        let out = std::env::temp_dir().join(format!("no-output-{}", std::process::id()));
        let err = run_to_file(
            Command::new("sh").args(["-c", "echo Unsupported file format >&2"]),
            &out,
            Duration::from_secs(5),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "corrupt image: sh failed: Unsupported file format"
        );
    }

    #[test]
    fn progress_lines_come_as_they_are_written() {
        let mut lines = Vec::new();
        run_reporting(
            Command::new("sh").args(["-c", "echo out_time_us=5; echo progress=end"]),
            Duration::from_secs(5),
            &mut |line| lines.push(line.to_string()),
        )
        .unwrap();
        assert_eq!(lines, ["out_time_us=5", "progress=end"]);
    }

    #[test]
    fn a_program_past_its_budget_is_stopped() {
        let err = run(Command::new("sleep").arg("30"), Duration::from_millis(200)).unwrap_err();
        assert!(matches!(err, MediaError::TimedOut(_)), "{err}");
    }

    #[test]
    fn output_and_failures_come_back() {
        let out = run(
            Command::new("sh").args(["-c", "echo hello"]),
            Duration::from_secs(5),
        );
        assert_eq!(out.unwrap(), b"hello\n");
        let err = run(
            Command::new("sh").args(["-c", "echo broken file >&2; exit 1"]),
            Duration::from_secs(5),
        )
        .unwrap_err();
        assert!(err.to_string().contains("broken file"), "{err}");
    }
}
