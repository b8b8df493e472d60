//! readme-lint: check README files against a policy and fix them with reviewable edits.
//!
//! Data flows one way: read ([`source`]) -> parse ([`document`]) -> project facts
//! ([`facts`]) and policy ([`config`]) -> rules ([`rules`]) -> fixes ([`fix`],
//! [`linter`]) -> report ([`output`]). Library code never prints; the binary renders.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod anchor;
pub mod app;
pub mod badges;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod facts;
pub mod files;
pub mod fix;
pub mod html;
pub mod init;
pub mod links;
pub mod linter;
pub mod output;
pub mod probe;
pub mod rules;
pub mod scaffold;
pub mod section_defs;
pub mod sections;
pub mod show_config;
pub mod show_dates;
pub mod source;
pub mod suppress;
pub mod toc;
