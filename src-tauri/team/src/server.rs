//! Which server a copy syncs with, as a person gives it (a connection
//! string, or host, user and database), and how to reach it: over TLS with
//! rustls, required for any host but this machine. The settings are kept in
//! the data folder; the password never is (`keychain`).

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio_postgres::config::{Host, SslMode};
use tokio_postgres::Config;

use crate::TeamError;

/// Whether the connection must be encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tls {
    /// TLS or no connection: the default for any host but this machine.
    Required,
    /// TLS when the server offers it (`sslmode=prefer`): this machine's own server.
    IfOffered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub user: String,
    pub tls: Tls,
    /// A certificate authority to trust besides the system's (a managed
    /// server's own CA), as a PEM file.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
}

fn is_this_machine(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1") || host.starts_with('/')
}

impl Server {
    /// Reads a connection string (`host=… user=… dbname=…` or
    /// `postgresql://user:password@host/db`), with the password it carries, if any.
    pub fn parse(text: &str) -> Result<(Server, Option<String>), TeamError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TeamError::Settings(
                "give the team server's connection string, e.g. postgresql://lena@db.example.com/partnerly".into(),
            ));
        }
        let config = Config::from_str(text).map_err(|e| {
            TeamError::Settings(format!(
                "the connection string cannot be read ({e}); write it as postgresql://user@host:port/database or host=… user=… dbname=…"
            ))
        })?;
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(host)) => host.clone(),
            #[cfg(unix)]
            Some(Host::Unix(path)) => path.display().to_string(),
            None => return Err(TeamError::Settings("the connection string names no host".into())),
        };
        let user = config
            .get_user()
            .filter(|u| !u.is_empty())
            .ok_or_else(|| TeamError::Settings("the connection string names no user (user=… or user@host)".into()))?
            .to_string();
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let dbname = config.get_dbname().unwrap_or(&user).to_string();
        let asked_for = text.contains("sslmode");
        let tls = match config.get_ssl_mode() {
            SslMode::Require => Tls::Required,
            _ if asked_for || is_this_machine(&host) => Tls::IfOffered,
            _ => Tls::Required,
        };
        if asked_for && config.get_ssl_mode() == SslMode::Disable && !is_this_machine(&host) {
            return Err(TeamError::Settings(format!(
                "sslmode=disable would send the team's data to {host} unencrypted; Partnerly talks to another machine only over TLS"
            )));
        }
        let password = config.get_password().map(|p| String::from_utf8_lossy(p).into_owned());
        Ok((
            Server {
                host,
                port,
                dbname,
                user,
                tls,
                ca_file: None,
            },
            password,
        ))
    }

    /// How a person reads it: `lena@db.example.com:5432/partnerly`.
    pub fn label(&self) -> String {
        format!("{}@{}:{}/{}", self.user, self.host, self.port, self.dbname)
    }

    pub(crate) fn config(&self, password: Option<&str>) -> Config {
        let mut config = Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .dbname(&self.dbname)
            .user(&self.user)
            .application_name("Partnerly")
            .connect_timeout(std::time::Duration::from_secs(10))
            .ssl_mode(match self.tls {
                Tls::Required => SslMode::Require,
                Tls::IfOffered => SslMode::Prefer,
            });
        if let Some(password) = password {
            config.password(password);
        }
        config
    }

    /// rustls, trusting the system's certificates and `ca_file`.
    pub(crate) fn tls(&self) -> Result<tokio_postgres_rustls::MakeRustlsConnect, TeamError> {
        let mut roots = rustls::RootCertStore::empty();
        // Certificates the system cannot read are skipped: one bad file in
        // the store must not stop every connection.
        let system = rustls_native_certs::load_native_certs();
        roots.add_parsable_certificates(system.certs);
        if let Some(file) = &self.ca_file {
            let pem = std::fs::read(file).map_err(|e| {
                TeamError::Settings(format!(
                    "the certificate authority file {} cannot be read: {e}",
                    file.display()
                ))
            })?;
            let mut found = 0;
            for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
                let cert = cert.map_err(|e| {
                    TeamError::Settings(format!("{} is not a PEM certificate file: {e}", file.display()))
                })?;
                roots
                    .add(cert)
                    .map_err(|e| TeamError::Settings(format!("{}: {e}", file.display())))?;
                found += 1;
            }
            if found == 0 {
                return Err(TeamError::Settings(format!("{} holds no certificate", file.display())));
            }
        }
        // ring rather than aws-lc-rs: it builds with nothing but a C compiler
        // on every platform we ship; the post-quantum key exchange it lacks
        // (hence the deprecation) is no requirement of PostgreSQL servers.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TeamError::Settings(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_machine_needs_tls_this_one_may_go_without() {
        let (server, password) = Server::parse("postgresql://lena:s3cret@db.example.com/partnerly").unwrap();
        assert_eq!(server.label(), "lena@db.example.com:5432/partnerly");
        assert_eq!(server.tls, Tls::Required);
        assert_eq!(password.as_deref(), Some("s3cret"));

        let (local, password) = Server::parse("host=127.0.0.1 port=55432 user=ana dbname=team").unwrap();
        assert_eq!(local.tls, Tls::IfOffered);
        assert_eq!((local.port, password), (55432, None));

        let refused = Server::parse("host=db.example.com user=lena sslmode=disable").unwrap_err();
        assert!(refused.to_string().contains("unencrypted"), "{refused}");
        let (asked, _) = Server::parse("host=db.example.com user=lena sslmode=require").unwrap();
        assert_eq!(asked.tls, Tls::Required);
    }

    #[test]
    fn a_connection_string_without_a_user_or_host_says_what_is_missing() {
        let no_user = Server::parse("host=db.example.com").unwrap_err().to_string();
        assert!(no_user.contains("names no user"), "{no_user}");
        let junk = Server::parse("postgresql://lena@db.example.com:notaport/x")
            .unwrap_err()
            .to_string();
        assert!(junk.contains("cannot be read"), "{junk}");
        assert!(Server::parse("  ")
            .unwrap_err()
            .to_string()
            .contains("connection string"));
    }
}
