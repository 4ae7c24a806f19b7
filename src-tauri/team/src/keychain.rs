//! The team server's password, kept in the operating system's keychain
//! (Keychain on macOS, Credential Manager on Windows, the Secret Service
//! elsewhere) under the server it opens, never in the data folder.

use crate::server::Server;
use crate::TeamError;

/// The keychain's name for Partnerly's entries.
const SERVICE: &str = "Partnerly team server";

fn entry(server: &Server) -> Result<keyring::Entry, TeamError> {
    keyring::Entry::new(SERVICE, &server.label()).map_err(unavailable)
}

fn unavailable(e: keyring::Error) -> TeamError {
    TeamError::Keychain(match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => inner.to_string(),
        other => other.to_string(),
    })
}

/// Keeps `password` for `server`.
pub fn save(server: &Server, password: &str) -> Result<(), TeamError> {
    entry(server)?.set_password(password).map_err(unavailable)
}

/// The password kept for `server`, if any.
pub fn password(server: &Server) -> Result<Option<String>, TeamError> {
    match entry(server)?.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(unavailable(e)),
    }
}

/// Forgets the password kept for `server` (leaving the team).
pub fn forget(server: &Server) -> Result<(), TeamError> {
    match entry(server)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(unavailable(e)),
    }
}
