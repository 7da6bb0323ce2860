//! The servers handoff is measured against: nginx serving static files, dufs zipping a folder.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// nginx serving `root` over TLS (with handoff's certificate) and plain HTTP, two workers
/// (one per core of the development machine), keep-alive without a request limit.
pub struct Nginx {
    child: Child,
    pub tls: String,
    pub plain: String,
}

impl Drop for Nginx {
    /// SIGTERM: the master stops its workers before it exits (SIGKILL would orphan them).
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something listens on `port`; false after five seconds.
fn listening(port: u16) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Paths are quoted: a folder name with a space would otherwise end the directive.
fn nginx_conf(root: &Path, cert_dir: &Path, work: &Path, tls: u16, plain: u16) -> String {
    format!(
        "daemon off; master_process on; user root; worker_processes 2; pid \"{w}/nginx.pid\"; error_log \"{w}/error.log\";\n\
         events {{ worker_connections 4096; }}\n\
         http {{ types {{ application/zip zip; text/plain txt; }} default_type application/octet-stream; access_log off; sendfile on; keepalive_requests 1000000; keepalive_timeout 75s;\n\
         client_body_temp_path \"{w}\"; proxy_temp_path \"{w}\"; fastcgi_temp_path \"{w}\"; uwsgi_temp_path \"{w}\"; scgi_temp_path \"{w}\";\n\
         server {{ listen 127.0.0.1:{plain}; root \"{r}\"; }}\n\
         server {{ listen 127.0.0.1:{tls} ssl http2; ssl_certificate \"{c}/cert.pem\"; ssl_certificate_key \"{c}/key.pem\"; root \"{r}\"; }} }}\n",
        w = work.display(),
        r = root.display(),
        c = cert_dir.display()
    )
}

/// Starts nginx, or says why it did not start.
pub fn nginx(root: &Path, cert_dir: &Path, work: &Path) -> Result<Nginx, String> {
    let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .ok_or("not installed (apt-get install nginx-light)")?;
    std::fs::create_dir_all(work).unwrap();
    let (tls, plain) = (free_port(), free_port());
    let path = work.join("nginx.conf");
    std::fs::write(&path, nginx_conf(root, cert_dir, work, tls, plain)).unwrap();
    let stderr = work.join("stderr.log");
    let mut child = Command::new(binary)
        .arg("-c")
        .arg(&path)
        .arg("-p")
        .arg(work)
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .map_err(|e| format!("{binary}: {e}"))?;
    if !(listening(tls) && listening(plain)) {
        let _ = child.kill();
        let _ = child.wait();
        let said = std::fs::read_to_string(&stderr).unwrap_or_default();
        return Err(format!(
            "did not start: {}",
            said.trim().replace('\n', " / ")
        ));
    }
    Ok(Nginx {
        child,
        tls: format!("https://127.0.0.1:{tls}"),
        plain: format!("http://127.0.0.1:{plain}"),
    })
}

/// dufs serving a folder that holds `files` (hard links) under `share/`, with `?zip` allowed.
pub struct Dufs {
    child: Child,
    /// The URL of the folder's zip.
    pub zip: String,
}

impl Drop for Dufs {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn dufs(work: &Path, files: &[PathBuf]) -> Result<Dufs, String> {
    if Command::new("dufs").arg("--version").output().is_err() {
        return Err("not on PATH (cargo install dufs --locked)".into());
    }
    let root = work.join("share");
    std::fs::create_dir_all(&root).unwrap();
    for (i, file) in files.iter().enumerate() {
        std::fs::hard_link(file, root.join(format!("file-{i}.bin"))).unwrap();
    }
    let port = free_port();
    let child = Command::new("dufs")
        .arg(work)
        .args([
            "-p",
            &port.to_string(),
            "-b",
            "127.0.0.1",
            "--allow-archive",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("dufs: {e}"))?;
    let dufs = Dufs {
        child,
        zip: format!("http://127.0.0.1:{port}/share?zip"),
    };
    if !listening(port) {
        return Err("did not start".into());
    }
    Ok(dufs)
}
