//! The `wanqiao` command. Everything it does lives in the library, so tests run the same code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = wanqiao::Cli::parse();
    wanqiao::logging::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(wanqiao::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
