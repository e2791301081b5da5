use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use weighup::cli::{Cli, run_command, run_questionnaire};

fn main() -> ExitCode {
    // Before any thread starts: reading the local time zone is only safe then.
    weighup::clock::init();
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => run_command(&cli, command),
        None => run_questionnaire(&cli),
    };
    match result {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.message());
            ExitCode::from(f.code())
        }
    }
}
