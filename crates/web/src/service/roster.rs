//! Importing a society's member roster from a CSV or XLSX file, for the command line and for
//! the background jobs the pages start: one reader, one validation, one way of writing.
//!
//! The file is read on a blocking thread that validates rows and hands whole batches over a
//! short queue to the writer, which commits each batch in its own transaction; so reading and
//! writing overlap, and memory holds a couple of batches, never the file. (XLSX is streamed
//! cell by cell too, but its shared-strings table, which holds every distinct text of the
//! workbook, is read whole first: a million-row workbook costs more memory than its CSV.)
//!
//! A row with a problem is skipped and reported (line, column, message); the rest go in. A
//! problem with the file itself (its header, its encoding, an unknown society) stops the
//! import before anything is written. Dropping the future returned by [`import`] cancels it:
//! the batch in flight rolls back, the batches before it stay, and re-running the import
//! completes it.

use encoding_rs::{BIG5, Encoding, GB18030, GBK};
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tokio::sync::mpsc;
use wanqiao_domain::Date;
use wanqiao_domain::roster::{self, Header, HeaderError, Known, RosterRow, RowError, SeenMembers};
use wanqiao_domain::spreadsheet::neutralise;
use wanqiao_store::roster::{BatchOutcome, BatchSource};
use wanqiao_store::{Store, StoreError};

/// Rows per batch (and per transaction) unless the caller says otherwise.
pub const DEFAULT_BATCH_SIZE: usize = 5_000;
/// Problems kept in the summary, for callers that show a few rather than write a report.
pub const SUMMARY_PROBLEMS: usize = 20;
/// How much of a CSV file is looked at to tell its encoding.
const SNIFF_BYTES: usize = 1 << 20;

/// What to import, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The society whose roster this is: its members' qualifications are attested by it.
    pub society: String,
    /// Who imports, for the audit log (a user id, or `cli`).
    pub actor: String,
    /// The worksheet of an XLSX workbook; required when it has several.
    pub sheet: Option<String>,
    /// Rows per transaction (at least 1).
    pub batch_size: usize,
    /// Validate everything and write nothing.
    pub dry_run: bool,
    /// The day the rows' dates are checked against (no awards in the future).
    pub today: Date,
}

/// How far an import has come; passed to the progress callback after every batch.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Progress {
    /// Data rows read so far (valid or not).
    pub rows_read: u64,
    /// Rows written (committed), or found valid in a dry run.
    pub imported: u64,
    /// Rows skipped for a problem.
    pub rejected: u64,
    pub batches: u64,
    /// How far into the file, in `unit`s: bytes for CSV, sheet rows for XLSX.
    pub position: u64,
    /// The file's size in the same units (0 when unknown).
    pub size: u64,
    pub unit: Unit,
}

/// What [`Progress::position`] counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    #[default]
    Bytes,
    Rows,
}

/// One problem with one row, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file's line (CSV) or the sheet's row number (XLSX), counting the header as 1.
    pub line: u64,
    /// The column, empty for the row as a whole.
    pub column: String,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub rows_read: u64,
    /// Rows written, or found valid in a dry run.
    pub imported: u64,
    /// Of the rows written: members new to the roster, changed, and unchanged.
    pub outcome: BatchOutcome,
    pub rejected: u64,
    pub batches: u64,
    pub seconds: f64,
    pub dry_run: bool,
    /// The text encoding the file was read in (`UTF-8`, `GB18030`, `Big5`; `XLSX`).
    pub encoding: &'static str,
    /// The first problems found, at most [`SUMMARY_PROBLEMS`].
    pub problems: Vec<Problem>,
}

impl Summary {
    pub fn rows_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.rows_read as f64 / self.seconds
        } else {
            0.0
        }
    }
}

/// Why an import did not run (or stopped), in words that say what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("there is no society `{0}`; give the id of a society of the register")]
    UnknownSociety(String),
    #[error("the file is empty: a roster has a header row and one row per member")]
    Empty,
    #[error("the file has a header row but no member rows")]
    NoRows,
    #[error("{0}; nothing was imported (see docs/roster.md for the columns)")]
    Header(HeaderError),
    #[error("{0}; save the file as UTF-8 (in Excel: Save As › CSV UTF-8) and import it again")]
    Encoding(String),
    #[error(
        "the workbook has several sheets ({}); choose one with --sheet NAME",
        names.join(", ")
    )]
    SeveralSheets { names: Vec<String> },
    #[error("the workbook has no sheet `{sheet}`; its sheets are: {}", names.join(", "))]
    NoSuchSheet { sheet: String, names: Vec<String> },
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    #[error("--sheet applies to XLSX workbooks only; this file is read as CSV")]
    SheetOfCsv,
    #[error("cannot read {0}")]
    Read(String),
    #[error("cannot write the error report: {0}")]
    Report(io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the import stopped unexpectedly: {0}")]
    Stopped(String),
}

impl ImportError {
    /// Whether the import may have written some batches before it stopped (a database
    /// failure mid-way); every other error stops it before anything is written.
    pub fn may_have_written(&self) -> bool {
        matches!(self, ImportError::Store(_) | ImportError::Stopped(_))
    }
}

/// A batch of valid rows on its way to the writer.
struct Batch {
    rows: Vec<RosterRow>,
    first_line: u64,
    last_line: u64,
    /// Counts up to and including this batch.
    progress: Progress,
}

/// What the reading thread found, once it is done.
struct ReadEnd<W> {
    rows_read: u64,
    rejected: u64,
    problems: Vec<Problem>,
    encoding: &'static str,
    report: Option<W>,
    position: u64,
    size: u64,
    unit: Unit,
}

/// Imports the roster in `path` (CSV, or XLSX by its content) for `options.society`.
///
/// Every row problem goes to `report` as CSV (`line,column,message`, cells neutralised for
/// spreadsheets), which is handed back with the summary; the summary keeps the first
/// problems too. `progress` is called after each batch.
pub async fn import<W, P>(
    store: &Store,
    path: &Path,
    options: &Options,
    report: Option<W>,
    mut progress: P,
) -> Result<(Summary, Option<W>), ImportError>
where
    W: io::Write + Send + 'static,
    P: FnMut(&Progress) + Send,
{
    let started = Instant::now();
    if store.society(&options.society).await?.is_none() {
        return Err(ImportError::UnknownSociety(options.society.clone()));
    }
    let known = Arc::new(store.roster_known().await?);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tx, mut rx) = mpsc::channel::<Batch>(2);
    let reader = {
        let path = path.to_path_buf();
        let options = options.clone();
        tokio::task::spawn_blocking(move || read(&path, &options, &known, report, &tx))
    };

    let mut outcome = BatchOutcome::default();
    let mut imported = 0;
    let mut batches = 0;
    // The writer's own connection, opened with the first batch (a file refused before any
    // batch opens none).
    let mut writer = None;
    while let Some(batch) = rx.recv().await {
        batches += 1;
        if !options.dry_run {
            let source = BatchSource {
                file: &file_name,
                batch: batches,
                first_line: batch.first_line,
                last_line: batch.last_line,
            };
            let writer = match &mut writer {
                Some(w) => w,
                None => writer.insert(store.roster_import().await?),
            };
            let done = writer
                .batch(
                    &options.actor,
                    jiff::Timestamp::now(),
                    &options.society,
                    &batch.rows,
                    &source,
                )
                .await?;
            outcome.add(done);
        }
        imported += batch.rows.len() as u64;
        progress(&Progress {
            imported,
            batches,
            ..batch.progress
        });
    }
    drop(writer);
    let read = reader
        .await
        .map_err(|e| ImportError::Stopped(e.to_string()))??;
    progress(&Progress {
        rows_read: read.rows_read,
        imported,
        rejected: read.rejected,
        batches,
        position: read.size.max(read.position),
        size: read.size,
        unit: read.unit,
    });
    Ok((
        Summary {
            rows_read: read.rows_read,
            imported,
            outcome,
            rejected: read.rejected,
            batches,
            seconds: started.elapsed().as_secs_f64(),
            dry_run: options.dry_run,
            encoding: read.encoding,
            problems: read.problems,
        },
        read.report,
    ))
}

/// Reads the whole file on the calling (blocking) thread, sending batches of valid rows.
fn read<W: io::Write>(
    path: &Path,
    options: &Options,
    known: &Known,
    report: Option<W>,
    tx: &mpsc::Sender<Batch>,
) -> Result<ReadEnd<W>, ImportError> {
    let unreadable = |e: io::Error| ImportError::Read(format!("{}: {e}", path.display()));
    let mut file = File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let mut magic = [0u8; 4];
    let n = file.read(&mut magic).map_err(unreadable)?;
    file.rewind().map_err(unreadable)?;
    if n == 0 {
        return Err(ImportError::Empty);
    }
    let mut sink = Sink::new(options, known, report, tx)?;
    if magic[..n].starts_with(b"PK\x03\x04") {
        xlsx::read(file, options.sheet.as_deref(), &mut sink)?;
        sink.finish("XLSX", Unit::Rows)
    } else {
        if options.sheet.is_some() {
            return Err(ImportError::SheetOfCsv);
        }
        let encoding = csv_file::read(file, size, &mut sink)?;
        sink.finish(encoding, Unit::Bytes)
    }
}

/// Where rows go once read: validated, checked for duplicates, batched or reported.
struct Sink<'a, W: io::Write> {
    options: &'a Options,
    known: &'a Known,
    tx: &'a mpsc::Sender<Batch>,
    header: Option<Header>,
    seen: SeenMembers,
    report: Option<csv::Writer<W>>,
    problems: Vec<Problem>,
    rows: Vec<RosterRow>,
    first_line: u64,
    last_line: u64,
    rows_read: u64,
    rejected: u64,
    position: u64,
    size: u64,
    unit: Unit,
    /// The reader hung up: the writer failed, its error is the one to show.
    closed: bool,
}

impl<'a, W: io::Write> Sink<'a, W> {
    fn new(
        options: &'a Options,
        known: &'a Known,
        report: Option<W>,
        tx: &'a mpsc::Sender<Batch>,
    ) -> Result<Self, ImportError> {
        let mut report = report.map(|w| csv::Writer::from_writer(w));
        if let Some(r) = &mut report {
            r.write_record(["line", "column", "message"])
                .map_err(|e| ImportError::Report(e.into()))?;
        }
        Ok(Sink {
            options,
            known,
            tx,
            header: None,
            seen: SeenMembers::default(),
            report,
            problems: Vec::new(),
            rows: Vec::with_capacity(options.batch_size.max(1)),
            first_line: 0,
            last_line: 0,
            rows_read: 0,
            rejected: 0,
            position: 0,
            size: 0,
            unit: Unit::Bytes,
            closed: false,
        })
    }

    /// The header row; nothing is read further when it is wrong.
    fn header(&mut self, cells: &[&str]) -> Result<(), ImportError> {
        self.header = Some(Header::parse(cells).map_err(ImportError::Header)?);
        Ok(())
    }

    fn has_header(&self) -> bool {
        self.header.is_some()
    }

    /// One data row from `line`; `Err` only when the import must stop.
    fn row(&mut self, line: u64, cells: &[&str]) -> Result<(), ImportError> {
        let header = self.header.as_ref().expect("the header comes first");
        self.rows_read += 1;
        let result = roster::validate(header, cells, self.known, self.options.today);
        let member = match &result {
            Ok(row) => Some(row.member_number.as_str()),
            Err(_) => header_cell(header, cells),
        };
        let duplicate = member.filter(|m| !m.is_empty()).and_then(|m| {
            self.seen
                .first_line(m, line)
                .map(|first| (m.to_string(), first))
        });
        match (result, duplicate) {
            (_, Some((member, first))) => self.reject(
                line,
                vec![RowError {
                    column: roster::Column::MemberNumber.name(),
                    message: format!(
                        "member number `{member}` is already on line {first}; each member appears once (the first row is kept)"
                    ),
                }],
            ),
            (Err(errors), None) => self.reject(line, errors),
            (Ok(row), None) => {
                if self.rows.is_empty() {
                    self.first_line = line;
                }
                self.last_line = line;
                self.rows.push(row);
                if self.rows.len() >= self.options.batch_size.max(1) {
                    self.flush()?;
                }
                Ok(())
            }
        }
    }

    /// A row the reader could not even split into cells (e.g. bytes that are not UTF-8).
    fn unreadable(&mut self, line: u64, message: String) -> Result<(), ImportError> {
        self.rows_read += 1;
        self.reject(line, vec![RowError::row(message)])
    }

    fn reject(&mut self, line: u64, errors: Vec<RowError>) -> Result<(), ImportError> {
        self.rejected += 1;
        for e in errors {
            if let Some(report) = &mut self.report {
                report
                    .write_record([
                        neutralise(&line.to_string()).as_ref(),
                        neutralise(e.column).as_ref(),
                        neutralise(&e.message).as_ref(),
                    ])
                    .map_err(|e| ImportError::Report(e.into()))?;
            }
            if self.problems.len() < SUMMARY_PROBLEMS {
                self.problems.push(Problem {
                    line,
                    column: e.column.to_string(),
                    message: e.message,
                });
            }
        }
        Ok(())
    }

    fn at(&mut self, position: u64, size: u64, unit: Unit) {
        self.position = position;
        self.size = size;
        self.unit = unit;
    }

    /// Sends the rows gathered so far as one batch.
    fn flush(&mut self) -> Result<(), ImportError> {
        if self.rows.is_empty() || self.closed {
            self.rows.clear();
            return Ok(());
        }
        let rows = std::mem::replace(
            &mut self.rows,
            Vec::with_capacity(self.options.batch_size.max(1)),
        );
        let batch = Batch {
            rows,
            first_line: self.first_line,
            last_line: self.last_line,
            progress: Progress {
                rows_read: self.rows_read,
                rejected: self.rejected,
                position: self.position,
                size: self.size,
                unit: self.unit,
                ..Progress::default()
            },
        };
        if self.tx.blocking_send(batch).is_err() {
            // The writer stopped and will report why; stop reading.
            self.closed = true;
            return Err(ImportError::Stopped("the writer stopped".into()));
        }
        Ok(())
    }

    fn finish(mut self, encoding: &'static str, unit: Unit) -> Result<ReadEnd<W>, ImportError> {
        if self.header.is_none() {
            return Err(ImportError::Empty);
        }
        if self.rows_read == 0 {
            return Err(ImportError::NoRows);
        }
        self.flush()?;
        let report = match self.report {
            Some(w) => Some(
                w.into_inner()
                    .map_err(|e| ImportError::Report(e.into_error()))?,
            ),
            None => None,
        };
        Ok(ReadEnd {
            rows_read: self.rows_read,
            rejected: self.rejected,
            problems: self.problems,
            encoding,
            report,
            position: self.position,
            size: self.size,
            unit,
        })
    }
}

/// The member number cell of a row that failed validation, to still catch duplicates.
fn header_cell<'c>(header: &Header, cells: &[&'c str]) -> Option<&'c str> {
    header
        .position(roster::Column::MemberNumber)
        .and_then(|i| cells.get(i).map(|c| c.trim()))
}

/// Reading CSV: the encoding is told from the first megabyte, then the file is decoded as
/// it streams.
mod csv_file {
    use super::*;

    pub(super) fn read<W: io::Write>(
        mut file: File,
        size: u64,
        sink: &mut Sink<'_, W>,
    ) -> Result<&'static str, ImportError> {
        let mut sample = Vec::with_capacity(SNIFF_BYTES.min(size as usize));
        (&mut file)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut sample)
            .map_err(|e| ImportError::Read(e.to_string()))?;
        file.rewind()
            .map_err(|e| ImportError::Read(e.to_string()))?;
        let encoding = detect(&sample, (sample.len() as u64) < size)?;
        if sample.iter().all(|b| b.is_ascii_whitespace())
            || (sample.starts_with(b"\xEF\xBB\xBF")
                && sample[3..].iter().all(|b| b.is_ascii_whitespace()))
        {
            return Err(ImportError::Empty);
        }
        let consumed = Arc::new(AtomicU64::new(0));
        let counted = Counting {
            inner: BufReader::with_capacity(1 << 16, file),
            count: consumed.clone(),
        };
        let source: Box<dyn Read> = match encoding {
            None => Box::new(counted),
            Some(enc) => Box::new(Decoding::new(counted, enc)),
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(source);
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    match e.kind() {
                        csv::ErrorKind::Utf8 { .. } if sink.has_header() => {
                            sink.unreadable(
                                line,
                                "the row is not valid UTF-8 text; save the file as UTF-8".into(),
                            )?;
                            continue;
                        }
                        csv::ErrorKind::Utf8 { .. } => {
                            return Err(ImportError::Encoding(
                                "the header row is not valid UTF-8 text".into(),
                            ));
                        }
                        csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
                            return Err(ImportError::Encoding(format!("{io} (near line {line})")));
                        }
                        _ => return Err(ImportError::Read(e.to_string())),
                    }
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells: Vec<&str> = record.iter().collect();
            sink.at(consumed.load(Ordering::Relaxed), size, Unit::Bytes);
            if sink.has_header() {
                sink.row(line, &cells)?;
            } else {
                sink.header(&cells)?;
            }
        }
        sink.at(size, size, Unit::Bytes);
        Ok(match encoding {
            None => "UTF-8",
            Some(e) if e == BIG5 => "Big5",
            Some(_) => "GB18030",
        })
    }

    /// Tells the encoding of a CSV file from its first bytes: `None` for UTF-8 (a byte
    /// order mark is skipped by the CSV reader's caller), else GB18030 or Big5 — whichever
    /// decodes without error into text that looks most like Chinese.
    pub(super) fn detect(
        sample: &[u8],
        truncated: bool,
    ) -> Result<Option<&'static Encoding>, ImportError> {
        if sample.starts_with(b"\xFF\xFE") || sample.starts_with(b"\xFE\xFF") {
            return Err(ImportError::Encoding(
                "the file is UTF-16 text, which rosters are not read in".into(),
            ));
        }
        match std::str::from_utf8(sample) {
            Ok(_) => return Ok(None),
            // Cut in the middle of a character at the end of the sample: still UTF-8.
            Err(e) if truncated && e.error_len().is_none() => return Ok(None),
            Err(_) => {}
        }
        let mut best: Option<(&'static Encoding, f64)> = None;
        for enc in [GB18030, BIG5] {
            let Some(text) = decode_clean(enc, sample, truncated) else {
                continue;
            };
            let score = chinese_score(&text);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((enc, score));
            }
        }
        match best {
            Some((enc, score)) if score >= 0.5 => Ok(Some(enc)),
            _ => Err(ImportError::Encoding(
                "the file is neither UTF-8 nor Chinese text in GBK (GB18030) or Big5".into(),
            )),
        }
    }

    /// The sample decoded, unless some bytes are not valid in `enc`.
    fn decode_clean(enc: &'static Encoding, sample: &[u8], truncated: bool) -> Option<String> {
        let mut decoder = enc.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(
            decoder.max_utf8_buffer_length_without_replacement(sample.len())?,
        );
        let (result, _) =
            decoder.decode_to_string_without_replacement(sample, &mut out, !truncated);
        match result {
            encoding_rs::DecoderResult::InputEmpty => Some(out),
            _ => None,
        }
    }

    /// The share of the text's non-ASCII characters that are common Chinese: among the
    /// 3,755 most used simplified characters (GB2312 level 1), the 5,401 most used
    /// traditional ones (Big5 level 1), or CJK punctuation. The wrong one of GBK and Big5
    /// decodes the other's bytes into rare characters, symbols and private-use points.
    pub(super) fn chinese_score(text: &str) -> f64 {
        let mut wide = 0u32;
        let mut common = 0u32;
        let mut buf = [0u8; 4];
        for c in text.chars().filter(|c| !c.is_ascii()) {
            wide += 1;
            if matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}') {
                common += 1;
                continue;
            }
            let s = c.encode_utf8(&mut buf);
            let (gbk, _, gbk_bad) = GBK.encode(s);
            let gb2312_level1 =
                !gbk_bad && gbk.len() == 2 && (0xB0..=0xD7).contains(&gbk[0]) && gbk[1] >= 0xA1;
            let (big5, _, big5_bad) = BIG5.encode(s);
            let big5_level1 = !big5_bad
                && big5.len() == 2
                && (0xA4..=0xC6).contains(&big5[0])
                && (big5[0] < 0xC6 || big5[1] <= 0x7E);
            if gb2312_level1 || big5_level1 {
                common += 1;
            }
        }
        if wide == 0 {
            0.0
        } else {
            f64::from(common) / f64::from(wide)
        }
    }

    /// Counts the bytes read from the file, for progress.
    struct Counting<R> {
        inner: R,
        count: Arc<AtomicU64>,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.count.fetch_add(n as u64, Ordering::Relaxed);
            Ok(n)
        }
    }

    /// Decodes a legacy encoding into UTF-8 as it streams; bytes not valid in it are an
    /// error, never replaced (a replaced character would be a wrong name).
    struct Decoding<R> {
        inner: R,
        decoder: encoding_rs::Decoder,
        input: Vec<u8>,
        start: usize,
        end: usize,
        eof: bool,
        output: Vec<u8>,
        out_start: usize,
        offset: u64,
    }

    impl<R: Read> Decoding<R> {
        fn new(inner: R, enc: &'static Encoding) -> Self {
            Decoding {
                inner,
                decoder: enc.new_decoder_without_bom_handling(),
                input: vec![0; 1 << 16],
                start: 0,
                end: 0,
                eof: false,
                output: Vec::with_capacity(3 << 16),
                out_start: 0,
                offset: 0,
            }
        }
    }

    impl<R: Read> Read for Decoding<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            while self.out_start == self.output.len() {
                if self.eof && self.start == self.end {
                    return Ok(0);
                }
                if self.start == self.end && !self.eof {
                    self.start = 0;
                    self.end = self.inner.read(&mut self.input)?;
                    self.eof = self.end == 0;
                }
                self.output.clear();
                self.out_start = 0;
                let capacity = self
                    .decoder
                    .max_utf8_buffer_length_without_replacement(self.end - self.start)
                    .unwrap_or(self.input.len() * 3)
                    .max(16);
                self.output.resize(capacity, 0);
                let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                    &self.input[self.start..self.end],
                    &mut self.output,
                    self.eof,
                );
                self.output.truncate(written);
                self.start += read;
                self.offset += read as u64;
                if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "byte {} is not valid {} text",
                            self.offset,
                            self.decoder.encoding().name()
                        ),
                    ));
                }
                if self.eof && self.start == self.end && self.output.is_empty() {
                    return Ok(0);
                }
            }
            let n = buf.len().min(self.output.len() - self.out_start);
            buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
            self.out_start += n;
            Ok(n)
        }
    }
}

/// Reading XLSX: cells stream in row order from the sheet; the header is its first row.
mod xlsx {
    use super::*;
    use calamine::{DataRef, Reader, Xlsx};

    pub(super) fn read<W: io::Write>(
        file: File,
        sheet: Option<&str>,
        sink: &mut Sink<'_, W>,
    ) -> Result<(), ImportError> {
        let bad = |e: calamine::XlsxError| ImportError::Workbook(e.to_string());
        let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(bad)?;
        let names = book.sheet_names();
        let name = match (sheet, names.as_slice()) {
            (Some(s), _) if names.iter().any(|n| n == s) => s.to_string(),
            (Some(s), _) => {
                return Err(ImportError::NoSuchSheet {
                    sheet: s.to_string(),
                    names,
                });
            }
            (None, [only]) => only.clone(),
            (None, []) => return Err(ImportError::Empty),
            (None, _) => return Err(ImportError::SeveralSheets { names }),
        };
        let mut cells = book.worksheet_cells_reader(&name).map_err(bad)?;
        let total = u64::from(cells.dimensions().end.0) + 1;
        let mut row: Vec<String> = Vec::new();
        let mut row_index: Option<u32> = None;
        loop {
            let next = cells.next_cell().map_err(bad)?;
            let position = next.as_ref().map(|c| c.get_position());
            if row_index.is_some() && position.map(|p| p.0) != row_index {
                let index = row_index.take().expect("checked");
                emit(sink, u64::from(index) + 1, &row, total)?;
                row.clear();
            }
            let Some(cell) = next else { break };
            let (r, c) = cell.get_position();
            row_index = Some(r);
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = text(cell.get_value());
        }
        sink.at(total, total, Unit::Rows);
        Ok(())
    }

    fn emit<W: io::Write>(
        sink: &mut Sink<'_, W>,
        line: u64,
        row: &[String],
        total: u64,
    ) -> Result<(), ImportError> {
        if row.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        sink.at(line, total, Unit::Rows);
        if sink.has_header() {
            sink.row(line, &cells)
        } else {
            sink.header(&cells)
        }
    }

    /// A cell as the text a CSV file would hold: whole numbers without a decimal point,
    /// dates as YYYY-MM-DD.
    fn text(value: &DataRef<'_>) -> String {
        match value {
            DataRef::Empty => String::new(),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                s.strip_suffix("T00:00:00").unwrap_or(s).to_string()
            }
            DataRef::SharedString(s) => (*s).to_string(),
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
            DataRef::Float(f) => f.to_string(),
            DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            DataRef::DateTime(d) => {
                let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
                if (h, min, s, ms) == (0, 0, 0, 0) {
                    format!("{y:04}-{m:02}-{day:02}")
                } else {
                    format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
                }
            }
            DataRef::Error(e) => format!("#{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::csv_file::{chinese_score, detect};
    use encoding_rs::{BIG5, GB18030};

    const SIMPLIFIED: &str = "陈大文,张伟,王芳,李娜,刘洋,黄晓明,周杰,吴敏,郑国华,孙丽,马建国,朱红";
    const TRADITIONAL: &str = "陳大文,張偉,王芳,李娜,劉洋,黃曉明,周傑,吳敏,鄭國華,孫麗,馬建國,朱紅";

    #[test]
    fn tells_gbk_from_big5() {
        let (gbk, _, bad) = GB18030.encode(SIMPLIFIED);
        assert!(!bad);
        assert_eq!(detect(&gbk, false).unwrap(), Some(GB18030));
        let (gbk, _, _) = GB18030.encode(TRADITIONAL);
        assert_eq!(detect(&gbk, false).unwrap(), Some(GB18030));
        let (big5, _, bad) = BIG5.encode(TRADITIONAL);
        assert!(!bad);
        assert_eq!(detect(&big5, false).unwrap(), Some(BIG5));
        assert_eq!(detect(SIMPLIFIED.as_bytes(), false).unwrap(), None);
    }

    #[test]
    fn refuses_what_is_not_chinese() {
        assert!(detect(b"member_number,name_en\nM1,Jo\xe3o Ara\xfajo\n", false).is_err());
        assert!(detect(b"\xff\xfem\x00", false).is_err());
        assert!(chinese_score("Ωβγ") < 0.5);
    }
}
