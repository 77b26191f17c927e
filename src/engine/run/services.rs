//! What a run sets up for its tasks and tears down afterwards, cancelled or
//! not: a temporary folder for `file` tasks and a loopback echo server for
//! `net` tasks.

use std::net::SocketAddr;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::engine::run::workload::{NET_MESSAGE_BYTES, Services};
use crate::engine::spec::preset::{ResolvedWorkload, WorkloadKind};

/// Temporary folders of runs in progress, so that a second Ctrl+C — which
/// leaves at once — can still remove them.
static LIVE_FOLDERS: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Notes a temporary folder a run made (see [`remove_live_temp_folders`]).
pub fn register_temp_folder(path: &Path) {
    LIVE_FOLDERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(path.to_path_buf());
}

/// Forgets a folder that has been removed.
pub fn unregister_temp_folder(path: &Path) {
    LIVE_FOLDERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .retain(|p| p != path);
}

/// Removes every temporary folder of a run in progress, waiting at most two
/// seconds (a disk that hangs must not keep a person from leaving).
pub fn remove_live_temp_folders() {
    let folders: Vec<std::path::PathBuf> = LIVE_FOLDERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .drain(..)
        .collect();
    if folders.is_empty() {
        return;
    }
    let (done, finished) = std::sync::mpsc::channel();
    let removal = std::thread::Builder::new()
        .name("lab-cleanup".into())
        .spawn(move || {
            for folder in folders {
                // Already gone is fine; anything else cannot be helped now.
                let _ = std::fs::remove_dir_all(folder);
            }
            let _ = done.send(());
        });
    if removal.is_ok() {
        // Removal goes on in the background; waiting longer would stall the run.
        let _ = finished.recv_timeout(Duration::from_secs(2));
    }
}

/// Owns a run's resources; dropping it removes the folder and stops the server.
pub struct RunServices {
    /// What tasks are told.
    pub services: Services,
    temp_dir: Option<tempfile::TempDir>,
    echo: Option<EchoServer>,
}

impl RunServices {
    /// Sets up what `work` needs; `file` folders go under `temp_root` (default:
    /// the OS's temporary folder).
    pub fn start(work: &ResolvedWorkload, temp_root: Option<&Path>) -> std::io::Result<Self> {
        let temp_dir = match work.kind {
            WorkloadKind::File => {
                let mut builder = tempfile::Builder::new();
                builder.prefix("concurrency-lab-");
                Some(match temp_root {
                    Some(root) => builder.tempdir_in(root)?,
                    None => builder.tempdir()?,
                })
            }
            _ => None,
        };
        let echo = match work.kind {
            WorkloadKind::Net => {
                crate::engine::measure::sys::raise_open_file_limit();
                Some(EchoServer::start()?)
            }
            _ => None,
        };
        if let Some(dir) = &temp_dir {
            register_temp_folder(dir.path());
        }
        Ok(RunServices {
            services: Services {
                echo_addr: echo.as_ref().map(|e| e.addr),
                temp_dir: temp_dir.as_ref().map(|d| d.path().to_owned()),
            },
            temp_dir,
            echo,
        })
    }

    /// Removes the folder and stops the server now, reporting a failure to
    /// remove (dropping does the same silently).
    pub fn close(mut self) -> std::io::Result<()> {
        self.echo.take();
        match self.temp_dir.take() {
            Some(dir) => {
                unregister_temp_folder(dir.path());
                dir.close()
            }
            None => Ok(()),
        }
    }
}

impl Drop for RunServices {
    fn drop(&mut self) {
        if let Some(dir) = &self.temp_dir {
            unregister_temp_folder(dir.path());
        }
    }
}

/// A TCP server on 127.0.0.1 (ephemeral port) that answers each 64-byte
/// request with the same bytes after the delay the request names. It serves
/// every connection concurrently, so it never becomes the bottleneck.
pub struct EchoServer {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl EchoServer {
    /// Binds and starts serving on a named thread (`lab-echo`).
    pub fn start() -> std::io::Result<Self> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("lab-echo".into())
            .spawn(move || runtime.block_on(serve(listener, stop)))?;
        Ok(EchoServer {
            addr,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

async fn serve(listener: std::net::TcpListener, mut stop: tokio::sync::oneshot::Receiver<()>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    loop {
        tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(answer(stream));
                }
                // Out of descriptors, say: wait a moment instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
            },
        }
    }
}

async fn answer(mut stream: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut request = [0u8; NET_MESSAGE_BYTES];
    if stream.read_exact(&mut request).await.is_err() {
        return;
    }
    let mut delay = [0u8; 8];
    delay.copy_from_slice(&request[..8]);
    let delay_us = u64::from_le_bytes(delay).min(60_000_000);
    tokio::time::sleep(Duration::from_micros(delay_us)).await;
    // The client may be gone (a cancelled task): nothing to answer.
    let _ = stream.set_nodelay(true);
    let _ = stream.write_all(&request).await;
}

impl Drop for EchoServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            // The server may have stopped already; its thread ending is what counts.
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panicked thread has nothing to hand back; shutting down goes on.
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::run::workload::net_request;
    use std::io::{Read, Write};

    #[test]
    fn the_echo_server_answers_after_the_delay_with_the_same_bytes() {
        let server = EchoServer::start().expect("server");
        let request = net_request(7, 20_000_000);
        let started = std::time::Instant::now();
        let mut stream = std::net::TcpStream::connect(server.addr()).expect("connect");
        stream.write_all(&request).expect("write");
        let mut answer = [0u8; NET_MESSAGE_BYTES];
        stream.read_exact(&mut answer).expect("read");
        assert_eq!(answer, request);
        assert!(started.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn the_temporary_folder_is_removed_when_the_run_ends() {
        let work = ResolvedWorkload {
            kind: WorkloadKind::File,
            tasks: 1,
            cpu_iters: 0,
            slice_iters: 1,
            io_ns: 0,
            bytes: 8,
            io_rounds: 0,
            fault: None,
            cpu_ms: None,
            serial_iters: 0,
            serial_ms: None,
        };
        let services = RunServices::start(&work, None).expect("services");
        let dir = services.services.temp_dir.clone().expect("a folder");
        std::fs::write(dir.join("leftover"), b"x").expect("write");
        drop(services);
        assert!(!dir.exists());
    }
}
