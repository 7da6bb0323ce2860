//! The built binary as a process: started with a config, its address read from its output.

use super::*;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_handoff");

pub struct Running {
    pub child: Child,
    pub base: String,
    pub stdout: Vec<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn write_config(dir: &Path, extra: &str) -> std::path::PathBuf {
    let path = dir.join("handoff.toml");
    let text = format!(
        "[server]\nlisten = \"127.0.0.1:0\"\ndata_dir = \"{}\"\n[admin]\nemail = \"{ADMIN_EMAIL}\"\npassword = \"{ADMIN_PASSWORD}\"\n{extra}",
        dir.join("data").display()
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// `handoff serve --config CONFIG` in `cwd`, as an admin starts it.
pub fn serve(cwd: &Path, config: &Path) -> Running {
    start(&["serve", "--config", config.to_str().unwrap()], cwd, &[])
}

/// Starts `handoff serve` and waits for the line that names its address.
pub fn start(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Running {
    let mut command = Command::new(BIN);
    command.args(args);
    start_command(command, cwd, env)
}

pub fn start_command(mut command: Command, cwd: &Path, env: &[(&str, &str)]) -> Running {
    let mut child = command
        .current_dir(cwd)
        .envs(env.iter().copied())
        .env("HANDOFF_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = Vec::new();
    loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server ended without printing its address: {stdout:?}");
        };
        stdout.push(line.clone());
        if let Some(url) = line.strip_prefix("handoff listening on ") {
            let base = url.to_string();
            std::thread::spawn(move || for _ in lines {});
            return Running {
                child,
                base,
                stdout,
            };
        }
    }
}

pub async fn login(base: &str, email: &str, password: &str) -> String {
    let response = client()
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Uploads `bytes` as `name` to the running binary; answers the new asset's id.
pub async fn upload_file(base: &str, token: &str, name: &str, bytes: Vec<u8>) -> String {
    let response = client()
        .post(format!("{base}/api/v1/assets"))
        .bearer_auth(token)
        .query(&[("name", name)])
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let asset: Value = response.json().await.unwrap();
    asset["id"].as_str().unwrap().to_string()
}

/// The asset's derivatives once none is pending (two minutes at most).
pub async fn settled_derivatives(base: &str, token: &str, id: &str) -> Value {
    for _ in 0..1200 {
        let asset: Value = client()
            .get(format!("{base}/api/v1/assets/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let derivatives = &asset["derivatives"];
        if !derivatives
            .as_object()
            .unwrap()
            .values()
            .any(|d| d["state"] == "pending")
        {
            return derivatives.clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("derivatives of {id} never settled");
}

/// The processes of `program` now running whose arguments mention `mentioning` (a server's
/// data folder, so other tests' processes do not count), with their arguments.
pub fn running(program: &str, mentioning: &Path) -> Vec<(u32, Vec<String>)> {
    let mentioning = mentioning.to_string_lossy();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
            let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            let args: Vec<String> = raw
                .split(|b| *b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            let ours = args.iter().any(|a| a.contains(mentioning.as_ref()));
            (comm.trim() == program && ours).then_some((pid, args))
        })
        .collect()
}

/// The threads of process `pid` (0 once it has ended).
pub fn threads_of(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |tasks| tasks.count())
}

/// A field of /proc/PID/status (VmRSS, VmHWM) in bytes.
pub fn status_bytes(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(&format!("{field}:")))
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"));
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

/// Sets the process's peak RSS (VmHWM) back to its current RSS.
pub fn reset_peak(pid: u32) {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").unwrap();
}
