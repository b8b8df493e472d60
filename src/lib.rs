//! readme-lint: check README files against a policy and fix them with reviewable edits.
//!
//! Layers, bottom up, each importing only from its own layer and those below
//! (tests/layers.rs fails on an upward import or a cycle): reading ([`source`],
//! [`files`], [`fix`], [`dates`], [`facts`], [`html`], [`anchor`]) -> the document
//! model ([`document`], [`references`], [`diagnostic`], [`sections`]) -> [`badges`],
//! [`links`], [`toc`] -> [`probe`] -> [`rules`] -> [`config`], [`suppress`], [`output`]
//! -> [`linter`] -> the commands ([`commands`], one file each; [`cli`], [`discover`]). Library
//! code never prints; the binary renders.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod anchor;
pub mod badges;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod facts;
pub mod files;
pub mod fix;
pub mod html;
pub mod links;
pub mod linter;
pub mod output;
pub mod probe;
pub mod references;
pub mod rules;
pub mod scaffold;
pub mod section_defs;
pub mod sections;
pub mod source;
pub mod streams;
pub mod suppress;
pub mod toc;
