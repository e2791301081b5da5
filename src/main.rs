use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use weighup::cli::{Cli, error_text, exit_code, run_command, run_questionnaire};
use weighup::text::sanitize;

fn main() -> ExitCode {
    // Before any thread starts: reading the local time zone is only safe then.
    weighup::clock::init();
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => run_command(&cli, command),
        None => run_questionnaire(&cli),
    };
    // The answers file this session reserved is free again.
    weighup::persist::release_all();
    match result {
        Ok(out) => {
            // Everything printed passes the one sanitiser: text from a sheet, a bank or a file
            // name never reaches the terminal with control characters in it.
            let mut out = sanitize(&out);
            if weighup::text::links_on_stdout() {
                out = weighup::text::link_file_paths(&out);
            }
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
        Err(e) => {
            // What an interrupted questionnaire had to say (where the answers are) first.
            if !e.output.is_empty() {
                let mut stdout = std::io::stdout().lock();
                let mut output = sanitize(&e.output);
                if weighup::text::links_on_stdout() {
                    output = weighup::text::link_file_paths(&output);
                }
                let _ = stdout
                    .write_all(output.as_bytes())
                    .and_then(|()| stdout.flush());
            }
            // A closed standard error is not a reason to panic: the exit code still says it.
            let text = error_text(&e);
            if !text.is_empty() {
                let _ = writeln!(std::io::stderr().lock(), "{}", sanitize(&text));
            }
            ExitCode::from(exit_code(&e))
        }
    }
}
