//! `wanqiao import roster`: a society's member roster into the register, with a progress bar
//! on a terminal, a row-level error report and a summary.
//!
//! Exit codes: 0 when every row was imported, 1 when some rows were rejected (the others
//! were imported), 2 when nothing was imported (a bad header, an empty file, an unreadable
//! encoding, an unknown society…). A database failure mid-way also exits 2: the batches
//! committed before it stay, and running the same import again completes it.

use crate::{CliError, DbArgs};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::PathBuf;
use std::time::Instant;
use wanqiao_web::roster::{self, ImportError, Options, Progress, Summary, Unit};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a society's member roster (CSV or XLSX with the columns of docs/roster.md).
    /// Each member becomes an engineer with the qualification the roster states, attested
    /// by the society; importing the same file again changes nothing. Rows with problems
    /// are skipped and reported; the rest are imported in batches of one transaction each.
    /// Exit code 0: all imported; 1: some rows rejected; 2: nothing imported.
    Roster(RosterArgs),
}

#[derive(Debug, Args)]
pub struct RosterArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The society whose roster this is (its id, e.g. hkie).
    #[arg(long)]
    pub society: String,
    /// The roster: CSV (UTF-8; GBK and Big5 are detected and converted) or XLSX.
    pub file: PathBuf,
    /// The worksheet to read, when the workbook has several.
    #[arg(long)]
    pub sheet: Option<String>,
    /// Check every row and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write every rejected row's problems to this CSV file (line,column,message).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Rows per transaction: a process killed mid-way leaves only whole batches.
    #[arg(long, default_value_t = roster::DEFAULT_BATCH_SIZE as u64,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub batch_size: u64,
}

/// Ends the command with exit code 2: nothing was imported.
fn refused(e: impl std::fmt::Display) -> CliError {
    CliError::Exit {
        code: 2,
        message: format!("{e}"),
    }
}

pub async fn run(args: RosterArgs) -> Result<(), CliError> {
    let store = crate::open(&args.db.database_url).await.map_err(refused)?;
    let report = match &args.report {
        Some(path) => Some(BufWriter::new(File::create(path).map_err(|source| {
            refused(CliError::Io {
                path: path.clone(),
                source,
            })
        })?)),
        None => None,
    };
    let options = Options {
        society: args.society.clone(),
        actor: "cli".to_string(),
        sheet: args.sheet.clone(),
        batch_size: usize::try_from(args.batch_size).unwrap_or(roster::DEFAULT_BATCH_SIZE),
        dry_run: args.dry_run,
        today: bay_today(),
    };
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    bar.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {percent:>3}% {msg}, {eta} left",
        )
        .expect("the template is valid")
        .progress_chars("=> "),
    );
    let started = Instant::now();
    let on_progress = |p: &Progress| {
        if p.size > 0 {
            bar.set_length(p.size);
        }
        bar.set_position(p.position.min(p.size.max(p.position)));
        let rate = p.rows_read as f64 / started.elapsed().as_secs_f64().max(1e-3);
        let unit = match p.unit {
            Unit::Bytes => "",
            Unit::Rows => " (sheet rows)",
        };
        bar.set_message(format!(
            "{} rows{unit}, {} rows/s, {} rejected",
            p.rows_read, rate as u64, p.rejected
        ));
    };
    let result = roster::import(&store, &args.file, &options, report, on_progress).await;
    bar.finish_and_clear();
    store.close().await;
    let (summary, report) = result.map_err(|e| match e {
        e if e.may_have_written() => refused(format!(
            "{e}\nThe batches committed before the failure stay; run the same import again to complete it."
        )),
        ImportError::Header(_) | ImportError::Empty | ImportError::NoRows => {
            refused(format!("{}: {e}", args.file.display()))
        }
        e => refused(e),
    })?;
    if let Some(mut w) = report {
        w.flush().map_err(|source| CliError::Io {
            path: args.report.clone().unwrap_or_default(),
            source,
        })?;
    }
    print_summary(&summary, &args);
    if summary.imported == 0 {
        return Err(refused(format!(
            "no row of {} could be imported; fix the rows listed above and import it again",
            args.file.display()
        )));
    }
    if summary.rejected > 0 {
        let listed = match &args.report {
            Some(path) => format!("they are listed in {}", path.display()),
            None => "run again with --report FILE to list them all".to_string(),
        };
        return Err(CliError::Exit {
            code: 1,
            message: format!(
                "{} row(s) were rejected and skipped ({listed}); the other rows were {}",
                summary.rejected,
                if summary.dry_run {
                    "checked"
                } else {
                    "imported"
                }
            ),
        });
    }
    Ok(())
}

fn print_summary(s: &Summary, args: &RosterArgs) {
    if args.report.is_none() {
        for p in &s.problems {
            let column = if p.column.is_empty() {
                String::new()
            } else {
                format!(", column {}", p.column)
            };
            eprintln!("line {}{column}: {}", p.line, p.message);
        }
        if s.rejected > 0 && s.problems.len() as u64 >= roster::SUMMARY_PROBLEMS as u64 {
            eprintln!("… (the first {} problems are shown)", s.problems.len());
        }
    }
    let what = if s.dry_run {
        format!(
            "{} valid, {} rejected; nothing was written (dry run)",
            s.imported, s.rejected
        )
    } else {
        format!(
            "{} imported ({} new, {} updated, {} unchanged), {} rejected, in {} batch(es)",
            s.imported,
            s.outcome.inserted,
            s.outcome.updated,
            s.outcome.unchanged,
            s.rejected,
            s.batches
        )
    };
    println!(
        "Read {} rows ({}) of {} for {}: {what}; {:.1} s, {:.0} rows/s.",
        s.rows_read,
        s.encoding,
        args.file.display(),
        args.society,
        s.seconds,
        s.rows_per_second()
    );
}

/// Today in the Greater Bay Area (UTC+8 all year), the day roster dates are checked against.
fn bay_today() -> wanqiao_domain::Date {
    jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8))
        .to_datetime(jiff::Timestamp::now())
        .date()
}
