//! Starting helper processes (the process pool's workers, Python
//! interpreters) so that they behave on every system: on Windows no console
//! window opens for them, the console's Ctrl+C does not reach them (the lab
//! cancels and stops them itself), and a kill-on-close job object ends them
//! when the lab ends, even when it is killed.

use std::process::Command;

/// `CREATE_NEW_PROCESS_GROUP`: Ctrl+C is disabled in the new group.
#[cfg(windows)]
const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
/// `CREATE_NO_WINDOW`: a console program gets no console window.
#[cfg(windows)]
const CREATE_NO_WINDOW: u32 = 0x0800_0000;

/// Windows: no console window and a process group of its own, set in one
/// `creation_flags` call (a second call replaces the first's flags).
/// Elsewhere nothing (Unix callers choose their own process group).
pub fn detach_from_console(command: &mut Command) {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        command.creation_flags(CREATE_NEW_PROCESS_GROUP | CREATE_NO_WINDOW);
    }
    #[cfg(not(windows))]
    // Only Windows sets creation flags; elsewhere the command is left as is.
    let _ = command;
}

/// Keeps a console program from opening a console window (Windows).
pub fn hide_console(command: &mut Command) {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    #[cfg(not(windows))]
    // Only Windows sets creation flags; elsewhere the command is left as is.
    let _ = command;
}

/// In a process the lab started (a pool worker): ignore the console's
/// Ctrl+C, which the lab handles by cancelling and stopping its workers.
pub fn ignore_console_interrupt() {
    #[cfg(unix)]
    // SAFETY: setting SIGINT to SIG_IGN has no preconditions.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
    }
    #[cfg(windows)]
    // SAFETY: a null handler with TRUE makes this process ignore Ctrl+C.
    unsafe {
        windows_sys::Win32::System::Console::SetConsoleCtrlHandler(None, 1);
    }
}

/// A Windows job object that kills every process in it when closed (also
/// when the lab itself dies: the system closes its handles).
#[cfg(windows)]
pub mod windows_job {
    use std::os::windows::io::AsRawHandle;
    use std::process::Child;

    use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation,
        SetInformationJobObject, TerminateJobObject,
    };

    /// Owns the job; closing it kills what is inside.
    pub struct Job(HANDLE);

    // SAFETY: a job handle may be used and closed from any thread.
    unsafe impl Send for Job {}
    // SAFETY: the calls made through a shared reference are thread-safe.
    unsafe impl Sync for Job {}

    impl Job {
        /// A kill-on-close job holding `child` (and, later, its children).
        pub fn containing(child: &Child) -> std::io::Result<Job> {
            let job = Job::new()?;
            job.assign(child)?;
            Ok(job)
        }

        /// An empty kill-on-close job.
        pub fn new() -> std::io::Result<Job> {
            // SAFETY: null attributes and name are allowed.
            let handle = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
            if handle.is_null() {
                return Err(std::io::Error::last_os_error());
            }
            let job = Job(handle);
            // SAFETY: zeroed is a valid value for this plain C struct.
            let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
            limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
            // SAFETY: the pointer and size describe `limits`.
            let set = unsafe {
                SetInformationJobObject(
                    job.0,
                    JobObjectExtendedLimitInformation,
                    std::ptr::from_ref(&limits).cast(),
                    std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
                )
            };
            if set == 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(job)
        }

        /// Puts `child` (and, later, its children) in the job.
        pub fn assign(&self, child: &Child) -> std::io::Result<()> {
            // SAFETY: both handles are valid and owned here.
            let assigned =
                unsafe { AssignProcessToJobObject(self.0, child.as_raw_handle() as HANDLE) };
            if assigned == 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        }

        /// Kills every process in the job now.
        pub fn terminate(&self) {
            // SAFETY: a valid job handle.
            unsafe { TerminateJobObject(self.0, 1) };
        }
    }

    impl Drop for Job {
        fn drop(&mut self) {
            // SAFETY: closed once; with KILL_ON_JOB_CLOSE this ends the processes.
            unsafe { CloseHandle(self.0) };
        }
    }
}
