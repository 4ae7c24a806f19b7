//! Starts what an end-to-end test needs: a virtual display (Xvfb), a private
//! D-Bus session (so the app's single-instance lock is the test's own), and
//! tauri-driver in front of WebKitWebDriver. Everything is stopped on drop.

use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use fantoccini::error::NewSessionError;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// The app binary `cargo test` built alongside this test, with the UI inside.
pub const APP: &str = env!("CARGO_BIN_EXE_partnerly");

pub struct Harness {
    xvfb: Child,
    driver: Child,
    port: u16,
    display: String,
}

/// One app at a time: three WebKit processes trees at once overload a small
/// machine and make sessions time out.
/// An async mutex, because the turn is held across the whole (async) test.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl Harness {
    /// Waits for the previous test's harness to be dropped, then starts one.
    pub async fn start_exclusive(slot: u16) -> (tokio::sync::MutexGuard<'static, ()>, Harness) {
        let guard = ONE_AT_A_TIME.lock().await;
        (guard, Harness::start(slot))
    }

    /// `start_exclusive`, with `env` set for the app as `start_with_env` does.
    pub async fn start_exclusive_with_env(
        slot: u16,
        env: &[(&str, &str)],
    ) -> (tokio::sync::MutexGuard<'static, ()>, Harness) {
        let guard = ONE_AT_A_TIME.lock().await;
        (guard, Harness::start_with_env(slot, env))
    }

    /// `slot` keeps parallel harnesses apart: each gets its own display and ports.
    pub fn start(slot: u16) -> Harness {
        Harness::start_with_env(slot, &[])
    }

    /// A harness whose app runs with `env` set, e.g. a dark GTK theme.
    pub fn start_with_env(slot: u16, env: &[(&str, &str)]) -> Harness {
        let display_number = 140 + slot;
        let display = format!(":{display_number}");
        let xvfb = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (Debian package xvfb)");
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display_number}"));
        wait_until(Duration::from_secs(20), "Xvfb to start", || socket.exists());

        let port = 4600 + slot * 2;
        let native_port = port + 1;
        // A keychain in the session, unlocked, as a desktop login gives one
        // (GNOME Keyring's Secret Service; without it the app says the
        // password cannot be kept).
        // Its files in a folder of the harness's own, never this machine's keychain.
        let keyring = std::env::temp_dir().join(format!("partnerly-e2e-keyring-{}-{slot}", std::process::id()));
        let driver_command = format!(
            "(printf 'e2e-login' | XDG_DATA_HOME='{}' gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true); \
             exec tauri-driver --port {port} --native-port {native_port}",
            keyring.display()
        );
        let driver = Command::new("dbus-run-session")
            .args(["--", "sh", "-c", &driver_command])
            .env("DISPLAY", &display)
            .envs(env.iter().copied())
            // Its own process group, so that stopping it stops everything it started.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dbus-run-session and tauri-driver are installed (`cargo install tauri-driver --locked`)");
        wait_until(Duration::from_secs(20), "tauri-driver to listen", || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        Harness {
            xvfb,
            driver,
            port,
            display,
        }
    }

    /// Launches the app on `data_dir` and connects a WebDriver session to it.
    pub async fn launch(&self, data_dir: &Path) -> Client {
        self.launch_with(data_dir, &[]).await
    }

    /// Launches the app on `data_dir` with `files` on its command line, as
    /// "Open with Partnerly" in a file manager does.
    pub async fn launch_with(&self, data_dir: &Path, files: &[&Path]) -> Client {
        // After a restart, the closed window's process may still be shutting
        // down while holding the single-instance name: a launch then would
        // hand over to a process that is going away, and fail. Whatever data
        // folder it had: one app is one instance.
        let pattern = format!("^{APP} ");
        // An exiting process loses its command line before it closes its
        // D-Bus connection: look for it by name too, in any state but a
        // zombie's (which holds nothing).
        let name = Path::new(APP).file_name().unwrap().to_string_lossy().into_owned();
        let running = |args: &[&str]| Command::new("pgrep").args(args).status().is_ok_and(|s| s.success());
        wait_until(Duration::from_secs(20), "the previous window to exit", || {
            !running(&["-f", "--", &pattern]) && !running(&["-x", "-r", "R,S,D,T,t,W,I", "--", &name])
        });
        self.session(data_dir, files).await
    }

    /// Launches the app on `data_dir` while another harness's window stays
    /// open: each harness has its own D-Bus session, so the two are separate
    /// instances, as two people's computers would be.
    pub async fn launch_beside(&self, data_dir: &Path) -> Client {
        self.session(data_dir, &[]).await
    }

    async fn session(&self, data_dir: &Path, files: &[&Path]) -> Client {
        let mut args = vec!["--data-dir".to_string(), data_dir.display().to_string()];
        args.extend(files.iter().map(|file| file.display().to_string()));
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": APP, "args": args }));
        // tauri-driver listens before WebKitWebDriver behind it is ready; until
        // then a new session fails at the HTTP level. Retry those only.
        let started = Instant::now();
        loop {
            // A window that never comes up must fail the test, not hang it.
            let attempt = tokio::time::timeout(
                Duration::from_secs(60),
                ClientBuilder::new(HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{}", self.port)),
            )
            .await
            .unwrap_or_else(|_| panic!("the app did not open a window within 60 s"));
            match attempt {
                Ok(client) => return client,
                Err(NewSessionError::FailedC(e)) if started.elapsed() < Duration::from_secs(20) => {
                    eprintln!("the driver is not ready yet ({e}); retrying");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("no WebDriver session with the app: {e}"),
            }
        }
    }

    /// Saves a PNG of the whole virtual screen, for people to look at.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        // The DOM is ahead of what the compositor has painted; give it a moment.
        std::thread::sleep(Duration::from_millis(600));
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .env("DISPLAY", &self.display)
            .status()
            .expect("ImageMagick's import is installed");
        assert!(status.success(), "the screenshot {name} could not be taken");
        path
    }

    /// Starts the app binary a second time (with `files` on its command
    /// line), in the same display and D-Bus session as the running one, and
    /// returns its exit status.
    pub fn launch_second_instance(
        &self,
        running_data_dir: &Path,
        other_data_dir: &Path,
        files: &[&Path],
    ) -> ExitStatus {
        let pattern = format!("--data-dir {}", running_data_dir.display());
        let pid = String::from_utf8(
            Command::new("pgrep")
                .args(["-f", "--", &pattern])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .split_whitespace()
        .next()
        .expect("the first instance is running")
        .to_string();
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
        let bus = environ
            .split(|b| *b == 0)
            .filter_map(|var| std::str::from_utf8(var).ok())
            .find_map(|var| var.strip_prefix("DBUS_SESSION_BUS_ADDRESS="))
            .expect("the app runs in the harness's D-Bus session")
            .to_string();
        let mut second = Command::new(APP)
            .arg("--data-dir")
            .arg(other_data_dir)
            .args(files)
            .env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        loop {
            if let Some(status) = second.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = second.kill();
                panic!("the second instance kept running instead of handing over to the first");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Answers the native file dialog titled `title` with `path`, typing as a
    /// person would: select what is in the name box (or open the location
    /// box), type the full path, press Return.
    pub fn answer_file_dialog(&self, title: &str, path: &Path) {
        let mut window = String::new();
        wait_until(Duration::from_secs(20), &format!("the '{title}' dialog"), || {
            let out = Command::new("xdotool")
                // Only a mapped one: a dialog of the same title answered
                // before may linger unmapped.
                .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
                .env("DISPLAY", &self.display)
                .output()
                .expect("xdotool is installed");
            window = String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            !window.is_empty()
        });
        // A save dialog has a name box to overwrite; an open dialog opens its
        // location box with Ctrl+L.
        let select = if title.starts_with("Export") {
            "ctrl+a"
        } else {
            "ctrl+l"
        };
        std::thread::sleep(Duration::from_millis(500));
        self.xdotool(&["windowfocus", "--sync", &window]);
        self.xdotool(&["key", "--clearmodifiers", select]);
        // An open dialog showing "Recent" moves focus into its location box
        // only after a moment; keys typed before that are lost.
        std::thread::sleep(Duration::from_millis(400));
        self.xdotool(&["type", "--delay", "15", &path.display().to_string()]);
        std::thread::sleep(Duration::from_millis(400));
        self.xdotool(&["key", "Return"]);
    }

    /// Drops `file` on the app window with a real native drag: a small GTK
    /// window offers the file, and the pointer drags it across, as a person
    /// dragging from a file manager would.
    pub fn drop_file(&self, file: &Path) {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/drag_source.py");
        // The app window is centred on the 1280x800 screen; the source sits in the strip to its right.
        let (source_x, source_y) = (1242, 300);
        let mut source = Command::new("/usr/bin/python3")
            .arg(&script)
            .arg(file)
            .args([source_x.to_string(), source_y.to_string()])
            .env("DISPLAY", &self.display)
            .stdout(Stdio::piped())
            .spawn()
            .expect("Debian's python3 with python3-gi is installed");
        let mut ready = String::new();
        std::io::BufReader::new(source.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(ready.trim(), "ready", "the drag source window appeared");
        std::thread::sleep(Duration::from_millis(300));

        let (from_x, from_y) = (source_x + 18, source_y + 60);
        let (to_x, to_y) = (640, 400);
        self.xdotool(&["mousemove", &from_x.to_string(), &from_y.to_string()]);
        self.xdotool(&["mousedown", "1"]);
        for step in 1..=20 {
            let x = from_x + (to_x - from_x) * step / 20;
            let y = from_y + (to_y - from_y) * step / 20;
            self.xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
            std::thread::sleep(Duration::from_millis(40));
        }
        std::thread::sleep(Duration::from_millis(200));
        self.xdotool(&["mouseup", "1"]);
        std::thread::sleep(Duration::from_millis(500));
        let _ = source.kill();
        let _ = source.wait();
    }

    /// Kills the app for `data_dir` the hard way, as a crash or power cut would.
    pub fn kill_app(&self, data_dir: &Path) {
        let pattern = format!("--data-dir {}", data_dir.display());
        let status = Command::new("pkill")
            .args(["-KILL", "-f", "--", &pattern])
            .status()
            .unwrap();
        assert!(status.success(), "the app process was found and killed");
        wait_until(Duration::from_secs(10), "the killed app to be gone", || {
            !Command::new("pgrep")
                .args(["-f", "--", &pattern])
                .status()
                .unwrap()
                .success()
        });
    }
}

impl Harness {
    /// The app's main window: GTK also names helper windows after the app,
    /// and the main one is the one that takes the keyboard focus.
    fn app_window(&self) -> String {
        let out = Command::new("xdotool")
            .args(["search", "--name", "^Partnerly$"])
            .env("DISPLAY", &self.display)
            .output()
            .expect("xdotool is installed");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|window| {
                Command::new("xdotool")
                    .args(["windowfocus", "--sync", window])
                    .env("DISPLAY", &self.display)
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success())
            })
            .expect("the Partnerly window takes the keyboard focus")
            .to_string()
    }

    /// Presses keys on the app's window as a person would ("ctrl+3", "F1").
    pub fn press(&self, keys: &str) {
        self.app_window();
        self.xdotool(&["key", "--clearmodifiers", keys]);
    }

    /// Moves and resizes the app's window, as dragging its corner would.
    pub fn place_window(&self, (x, y): (u32, u32), (width, height): (u32, u32)) {
        let window = self.app_window();
        self.xdotool(&["windowsize", "--sync", &window, &width.to_string(), &height.to_string()]);
        self.xdotool(&["windowmove", "--sync", &window, &x.to_string(), &y.to_string()]);
    }

    /// Where the app's window is and how big: (x, y, width, height).
    pub fn window_geometry(&self) -> (i64, i64, i64, i64) {
        let window = self.app_window();
        let out = Command::new("xdotool")
            .args(["getwindowgeometry", "--shell", &window])
            .env("DISPLAY", &self.display)
            .output()
            .expect("xdotool is installed");
        let text = String::from_utf8_lossy(&out.stdout);
        let value = |name: &str| -> i64 {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}=")))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {text}"))
        };
        (value("X"), value("Y"), value("WIDTH"), value("HEIGHT"))
    }

    fn xdotool(&self, args: &[&str]) {
        let status = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .status()
            .expect("xdotool is installed");
        assert!(status.success(), "xdotool {args:?}");
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // SIGTERM to the whole group: tauri-driver, WebKitWebDriver, the app and
        // the D-Bus session all get to stop cleanly.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.driver.wait();
        // SIGTERM, not SIGKILL: Xvfb then removes its lock and socket, and the
        // display number can be used again at once.
        let _ = Command::new("kill")
            .args(["-TERM", &self.xvfb.id().to_string()])
            .status();
        let _ = self.xvfb.wait();
    }
}

fn wait_until(limit: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < limit, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
