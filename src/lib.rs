//! weighup: weigh up open-weights AI models against closed (API-only) ones.
//!
//! The library holds the whole domain with no terminal code: the question bank
//! ([`bank`]), answers ([`answers`]), the advice engine ([`engine`]), the licence
//! catalogue ([`catalogue`]) and the reports ([`report`]). The binary is a thin layer.

pub mod answers;
pub mod bank;
pub mod catalogue;
pub mod cli;
pub mod clock;
pub mod engine;
pub mod error;
pub mod files;
pub mod glossary;
pub mod persist;
pub mod plain;
pub mod problem;
pub mod questionnaire;
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
pub mod session;
pub mod sheet;
pub mod text;
pub mod tui;
pub mod words;
pub mod workshop;

pub use answers::{Answer, Answers};
pub use bank::Bank;
pub use engine::{Evaluation, evaluate};
