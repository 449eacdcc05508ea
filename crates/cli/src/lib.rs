//! The `wanqiao` command line: serve the platform, migrate, and move agreements in and out
//! as files.

pub mod demo;
pub mod logging;
pub mod server;
mod tls;

mod accounts;
mod agreements;
mod audit;
mod error;
mod import;
pub mod keys;
pub mod roster_demo;
mod scale;
mod verify;

pub use error::CliError;

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use wanqiao_store::{Store, redact_url};

#[derive(Debug, Parser)]
#[command(
    name = "wanqiao",
    version,
    about = "Wanqiao (湾桥): mutual recognition of engineers' professional qualifications across Guangdong, Hong Kong and Macao",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the platform: web pages and the JSON API. On an empty database it creates the
    /// schema and loads the demo data first.
    Serve(ServeArgs),
    /// Create or update the database schema, and nothing else.
    Migrate(DbArgs),
    /// Load agreements from TOML files, or write them out as files.
    #[command(subcommand)]
    Agreements(AgreementsCommand),
    /// Load the demo data into an empty database without serving it; `demo roster` writes a
    /// synthetic member roster instead.
    Demo(DemoArgs),
    /// Import files into the register: `import roster` for a society's member roster.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Create and revoke API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Manage the societies' certificate signing keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Verify a recognition certificate offline: exit 0 when verified, 1 when not.
    Verify {
        /// The certificate (JSON).
        file: PathBuf,
        /// A DID document to resolve a did:web issuer with (e.g. saved from
        /// /societies/ID/did.json); repeatable.
        #[arg(long = "did-doc")]
        did_docs: Vec<PathBuf>,
        /// A status list credential (saved from its statusListCredential URL); repeatable.
        /// Without one the status is unknown, and the certificate is not verified.
        #[arg(long = "status-list")]
        status_lists: Vec<PathBuf>,
    },
}

/// `wanqiao demo` loads the demo data as it always has; its subcommands make demo files.
#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(subcommand)]
    pub command: Option<DemoCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Write a synthetic member roster (CSV in the import format) for tests and benchmarks:
    /// the same seed always gives the same file.
    Roster(roster_demo::RosterArgs),
    /// Fill the database for benchmarks: the demo data, N synthetic engineers imported as
    /// society rosters, M applications over two years in every state, and certificates for
    /// the approved ones (most on the public register).
    Scale(scale::ScaleArgs),
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Give a society a new signing key; its old public keys stay in its DID document, so
    /// what they signed keeps verifying.
    Rotate {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        society: String,
    },
    /// Write a new random master key to FILE (which must not exist), for --master-key-file.
    NewMasterKey { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account with one role; the password is read from standard input.
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        /// platform_admin, society_admin, reviewer, attestor or engineer.
        #[arg(long)]
        role: String,
        /// The society, for society_admin, reviewer and attestor.
        #[arg(long)]
        society: Option<String>,
        /// The name shown on pages (defaults to the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input (required: passwords never go on the
        /// command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Set an account's password, read from standard input; its sessions end.
    Password {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        /// Read the password from standard input (required).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account and print it once; only its digest is kept.
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "command line")]
        name: String,
    },
    /// Revoke an API token by its id; it stops working at once.
    Revoke {
        #[command(flatten)]
        db: DbArgs,
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain; exit 0 when intact, 1 naming the first broken event.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// Database to use: sqlite://FILE (created if missing) or postgres://USER@HOST:PORT/DB.
    #[arg(
        long,
        env = "WANQIAO_DATABASE_URL",
        default_value = "sqlite://wanqiao.db",
        global = true
    )]
    pub database_url: String,
    /// File holding the master key (64 hexadecimal digits) that seals the societies'
    /// certificate signing keys. Without it, demo mode generates one next to the database.
    #[arg(long, env = "WANQIAO_MASTER_KEY_FILE", global = true)]
    pub master_key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address and port to listen on.
    #[arg(long, env = "WANQIAO_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Do not load the demo data, even into an empty database.
    #[arg(long, env = "WANQIAO_NO_DEMO")]
    pub no_demo: bool,
    /// The address people reach the platform at, e.g. https://wanqiao.example.org. With
    /// https, cookies are marked Secure.
    #[arg(long, env = "WANQIAO_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The proof certificates are signed with: eddsa-rdfc-2022 (every verifier checks it) or
    /// eddsa-jcs-2022 (faster to verify).
    #[arg(long, env = "WANQIAO_CRYPTOSUITE", default_value = "eddsa-rdfc-2022")]
    pub cryptosuite: String,
    /// Serve HTTPS directly: the certificate chain, PEM (with --tls-key).
    #[arg(long, env = "WANQIAO_TLS_CERT")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key, PEM (with --tls-cert).
    #[arg(long, env = "WANQIAO_TLS_KEY")]
    pub tls_key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum AgreementsCommand {
    /// Load agreements from TOML files, one agreement per file. Every file is checked
    /// first; if any has an error, nothing is imported. An agreement with an id already
    /// in the register replaces it.
    Import {
        #[command(flatten)]
        db: DbArgs,
        /// The files to load.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write every agreement to DIR as ID.toml, in the format `import` reads.
    Export {
        #[command(flatten)]
        db: DbArgs,
        /// The folder to write to (created if missing).
        dir: PathBuf,
    },
}

/// Opens and migrates the database, so every command works on a fresh file.
pub async fn open(url: &str) -> Result<Store, CliError> {
    let store = Store::connect(url).await?;
    store.migrate().await?;
    tracing::debug!(database = %redact_url(url), "database ready");
    Ok(store)
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Serve(args) => server::serve(args).await,
        Command::Migrate(db) => {
            open(&db.database_url).await?.close().await;
            println!(
                "The schema of {} is up to date.",
                redact_url(&db.database_url)
            );
            Ok(())
        }
        Command::Demo(DemoArgs {
            command: Some(DemoCommand::Roster(args)),
            ..
        }) => roster_demo::run(&args),
        Command::Demo(DemoArgs {
            db,
            command: Some(DemoCommand::Scale(args)),
        }) => scale::run(&db, &args).await,
        Command::Demo(DemoArgs { db, command: None }) => {
            let public_url = std::env::var("WANQIAO_PUBLIC_URL").ok();
            let issuing = keys::issuing(&db, true, public_url.as_deref())?;
            let store = open(&db.database_url).await?;
            demo::load(&store, &issuing).await?;
            println!("Demo data loaded into {}.", redact_url(&db.database_url));
            print!("{}", demo::logins());
            Ok(())
        }
        Command::User(UserCommand::Add {
            db,
            email,
            role,
            society,
            name,
            password_stdin: _,
        }) => {
            let password = accounts::read_password()?;
            let store = open(&db.database_url).await?;
            let id = accounts::add_user(
                &store,
                &email,
                name.as_deref(),
                &role,
                society.as_deref(),
                &password,
            )
            .await?;
            println!("Created account {id} for {email}.");
            Ok(())
        }
        Command::User(UserCommand::Password {
            db,
            email,
            password_stdin: _,
        }) => {
            let password = accounts::read_password()?;
            let store = open(&db.database_url).await?;
            accounts::set_password(&store, &email, &password).await?;
            println!("The password of {email} is set; its open sessions have ended.");
            Ok(())
        }
        Command::Token(TokenCommand::Create { db, email, name }) => {
            let store = open(&db.database_url).await?;
            let (id, token) = accounts::create_token(&store, &email, &name).await?;
            println!(
                "Token {id} for {email} (shown once; send it as Authorization: Bearer TOKEN):"
            );
            println!("{token}");
            Ok(())
        }
        Command::Token(TokenCommand::Revoke { db, id }) => {
            let store = open(&db.database_url).await?;
            accounts::revoke_token(&store, &id).await?;
            println!("Token {id} is revoked.");
            Ok(())
        }
        Command::Audit(AuditCommand::Verify { db }) => {
            let store = open(&db.database_url).await?;
            if audit::verify(&store).await? {
                Ok(())
            } else {
                Err(CliError::AuditBroken)
            }
        }
        Command::Keys(KeysCommand::Rotate { db, society }) => {
            let issuing = keys::issuing(&db, false, None)?;
            let store = open(&db.database_url).await?;
            let public = keys::rotate(&store, &issuing, &society).await?;
            println!(
                "{society} signs with a new key {public}; its earlier keys stay in its DID document."
            );
            Ok(())
        }
        Command::Keys(KeysCommand::NewMasterKey { file }) => {
            keys::write_new_key(&file)?;
            println!(
                "A new master key is in {}. Keep it secret and backed up: without it the signing keys cannot be used.",
                file.display()
            );
            Ok(())
        }
        Command::Verify {
            file,
            did_docs,
            status_lists,
        } => verify::run(&file, &did_docs, &status_lists),
        Command::Import(import::ImportCommand::Roster(args)) => import::run(args).await,
        Command::Agreements(AgreementsCommand::Import { db, files }) => {
            let store = open(&db.database_url).await?;
            let n = agreements::import(&store, &files).await?;
            println!("Imported {n} agreement(s).");
            Ok(())
        }
        Command::Agreements(AgreementsCommand::Export { db, dir }) => {
            let store = open(&db.database_url).await?;
            let n = agreements::export(&store, &dir).await?;
            println!("Wrote {n} agreement(s) to {}.", dir.display());
            Ok(())
        }
    }
}
