//! Puts the icon and version information into the Windows executables
//! (`windres` from MinGW-w64 when cross-building, `rc.exe` with MSVC).
//! Elsewhere it does nothing. A missing resource compiler is a warning, not
//! an error, so that `cargo check --target x86_64-pc-windows-gnu` works
//! without MinGW; scripts/check.sh checks that the linked .exe carries them.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/concurrency-lab.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icons/concurrency-lab.ico")
        .set("ProductName", "Concurrency Lab")
        .set("FileDescription", "Concurrency Lab")
        .set("InternalName", "concurrency-lab")
        .set("CompanyName", "Concurrency Lab contributors")
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set("ProductVersion", &version)
        .set("FileVersion", &version);
    if let Err(error) = resource.compile() {
        println!("cargo:warning=no icon or version information in the .exe: {error}");
    }
}
