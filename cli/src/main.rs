//! `sigv4-bearer`: mint Amazon Bedrock / AWS External Anthropic bearer
//! tokens from whatever AWS credentials this machine has, keep them for key
//! helpers, and inspect or check them.

mod aws_files;
mod bounded;
mod cache;
mod cli;
mod clock;
mod credentials;
mod duration;
mod endpoint;
mod env;
mod failure;
mod http;
mod inspect_cmd;
mod region;
mod scrub;
mod secret;
mod sts;
mod token_cmd;
mod untrusted;

use std::process::ExitCode;

use clap::Parser as _;

use cli::{Cli, Command, Refusal};
use env::Env;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            return match cli::refusal(&err) {
                Refusal::Info(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Refusal::Usage(text) => {
                    untrusted::say_lines(&text);
                    ExitCode::from(2)
                }
            }
        }
    };
    let env = Env;
    let done = match &cli.command {
        Command::Token(args) => token_cmd::run(args, &env),
        Command::Inspect(args) => inspect_cmd::show(args, &env),
        Command::Check(args) => inspect_cmd::check(args, &env),
    };
    // The secrets' leftovers in returned frames, before anything else runs.
    scrub::stack();
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            untrusted::say(&failure.message);
            ExitCode::from(failure.code)
        }
    }
}
