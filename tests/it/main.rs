//! weighup's integration tests, built as one test binary (`cargo test --test it`).
//!
//! One module per area of behaviour; `support` holds what several of them share: the
//! pseudo-terminal driver, the banks, the `weighup` command and the fixtures.
//! Run one test with `cargo test --test it NAME` (any part of the name, such as `tui::` or
//! `ctrl_c`). Snapshots live in `tests/it/snapshots/`, named `it__MODULE__NAME.snap`.

mod bank_validation;
mod bounded_reads;
mod cases;
mod check_command;
mod cli_conventions;
mod cli_terminal;
mod compare;
mod compare_live;
mod compare_proptest;
mod compare_tui_pty;
mod engine;
mod exit_codes;
mod licence_catalogue;
mod persist_bad_input;
mod persist_roundtrip;
mod persist_schema;
mod plain_kill;
mod plain_mode;
mod plain_transcript;
mod pty;
mod report_formats;
mod resume_scan;
mod sanitise_props;
mod serve;
mod strict_sheets;
mod support;
mod tui;
mod tui_licences;
mod tui_props;
mod two_writers;
mod workshop_scenarios;
