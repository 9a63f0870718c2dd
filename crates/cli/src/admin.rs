//! `recordwell admin`: organisations, people and API tokens from the command line, for
//! administrators of the server itself (who can reach its database). Every change is written
//! to the audit log as done by "the command line".

use crate::Outcome;
use crate::serve::{DatabaseArgs, runtime, settings};
use clap::{Args, Subcommand};
use recordwell_store::orgs::{self, Role};
use recordwell_store::{Store, audit, resets, tokens, users};
use recordwell_web::auth::token::{hash_token, random_token};
use std::io::Write;

/// Options of `recordwell admin`.
#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(subcommand)]
    pub command: AdminCommand,

    #[command(flatten)]
    pub db: DatabaseArgs,

    /// The organisation (its id, from `admin org list`); needed only when there are several.
    #[arg(long, global = true, value_name = "ID")]
    pub org: Option<i64>,

    /// The address people use to reach the server, for printed links.
    /// [default: the public_url setting, else http://127.0.0.1:8080]
    #[arg(long, global = true, value_name = "URL")]
    pub public_url: Option<String>,
}

/// What to manage.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Organisations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// People.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
}

/// `admin org …`.
#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// List organisations.
    List,
    /// Create an organisation and invite its first administrator (prints the invitation link).
    Create {
        /// Its name.
        #[arg(long)]
        name: String,
        /// The first administrator's email address.
        #[arg(long)]
        admin_email: String,
    },
}

/// `admin user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// List the organisation's people.
    List,
    /// Invite someone (prints the invitation link to pass on).
    Invite {
        /// Email address.
        #[arg(long)]
        email: String,
        /// Role: practitioner, manager, facilitator or administrator.
        #[arg(long, default_value = "practitioner")]
        role: String,
    },
    /// Change someone's role.
    SetRole {
        /// Email address.
        #[arg(long)]
        email: String,
        /// The new role.
        #[arg(long)]
        role: String,
    },
    /// Switch an account off (signs them out everywhere).
    Disable {
        /// Email address.
        #[arg(long)]
        email: String,
    },
    /// Switch an account back on.
    Enable {
        /// Email address.
        #[arg(long)]
        email: String,
    },
    /// Print a one-hour password reset link.
    ResetPassword {
        /// Email address.
        #[arg(long)]
        email: String,
    },
}

/// `admin token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// List the organisation's tokens.
    List,
    /// Make a token acting as a member of the organisation (prints it once).
    Create {
        /// What it is for.
        #[arg(long)]
        name: String,
        /// The email of the member it acts as.
        #[arg(long = "as", value_name = "EMAIL")]
        acting_as: String,
    },
    /// Revoke a token by id.
    Revoke {
        /// Its id, from `admin token list`.
        id: i64,
    },
}

/// `recordwell admin`.
pub fn run(args: AdminArgs) -> Outcome {
    let settings = match settings(&args.db, args.db.config.as_ref()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(o) => return o,
    };
    rt.block_on(async {
        let store = match recordwell_web::server::open_store(&settings).await {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        let public_url =
            args.public_url.clone().or(settings.public_url.clone()).unwrap_or_else(|| "http://127.0.0.1:8080".into());
        let result = dispatch(&store, &args, &public_url).await;
        store.close().await;
        match result {
            Ok(()) => Outcome::Clean,
            Err(e) => fail(e),
        }
    })
}

fn fail(e: impl std::fmt::Display) -> Outcome {
    say!("recordwell: error: {e}");
    Outcome::Trouble
}

fn out(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

type R = Result<(), String>;

async fn dispatch(store: &Store, args: &AdminArgs, public_url: &str) -> R {
    match &args.command {
        AdminCommand::Org(OrgCommand::List) => org_list(store).await,
        AdminCommand::Org(OrgCommand::Create { name, admin_email }) => {
            let org = orgs::create(store, name).await.map_err(|e| e.to_string())?;
            out(format!("Created organisation {org}: {name}"));
            invite(store, org, admin_email, Role::Administrator, public_url).await
        }
        AdminCommand::User(cmd) => {
            let org = which_org(store, args.org).await?;
            user_command(store, org, cmd, public_url).await
        }
        AdminCommand::Token(cmd) => {
            let org = which_org(store, args.org).await?;
            token_command(store, org, cmd).await
        }
    }
}

async fn org_list(store: &Store) -> R {
    for o in orgs::list(store).await.map_err(|e| e.to_string())? {
        out(format!("{}\t{}", o.id, o.name));
    }
    Ok(())
}

/// The organisation to act on: the one given, or the only one there is.
async fn which_org(store: &Store, given: Option<i64>) -> Result<i64, String> {
    if let Some(id) = given {
        return match orgs::get(store, id).await.map_err(|e| e.to_string())? {
            Some(_) => Ok(id),
            None => Err(format!("there is no organisation {id}; see `recordwell admin org list`")),
        };
    }
    match orgs::count(store).await.map_err(|e| e.to_string())? {
        0 => {
            Err("there is no organisation yet: create one with `recordwell admin org create` or the set-up page".into())
        }
        1 => Ok(orgs::list(store).await.map_err(|e| e.to_string())?[0].id),
        _ => Err("there are several organisations: say which with --org ID (see `recordwell admin org list`)".into()),
    }
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s)
        .ok_or_else(|| format!("unknown role \"{s}\"; use practitioner, manager, facilitator or administrator"))
}

async fn member(store: &Store, org: i64, email: &str) -> Result<i64, String> {
    let user = users::by_email(store, email).await.map_err(|e| e.to_string())?;
    match user {
        Some(u) if users::role_in(store, u.id, org).await.map_err(|e| e.to_string())?.is_some() => Ok(u.id),
        _ => Err(format!("{email} is not a member of organisation {org}")),
    }
}

async fn log(store: &Store, org: i64, action: &str, kind: &str, id: Option<i64>, detail: &str) -> R {
    audit::record(
        store,
        audit::Event {
            org_id: Some(org),
            user_id: None,
            action,
            target_kind: kind,
            target_id: id,
            detail: format!("command line {detail}").trim().to_owned(),
        },
    )
    .await
    .map_err(|e| e.to_string())
}

async fn invite(store: &Store, org: i64, email: &str, role: Role, public_url: &str) -> R {
    let invite = recordwell_web::pages::invitations::Invite::to_organisation(org, email, role, None);
    let link =
        recordwell_web::pages::invitations::invite(store, public_url, invite).await.map_err(|e| e.to_string())?;
    log(store, org, "user.invite", "invitation", None, role.as_str()).await?;
    out(format!("Invitation for {email} as {role} (works once, for 14 days):\n{link}"));
    Ok(())
}

async fn user_command(store: &Store, org: i64, cmd: &UserCommand, public_url: &str) -> R {
    let err = |e: recordwell_store::StoreError| e.to_string();
    match cmd {
        UserCommand::List => {
            for m in users::members(store, org).await.map_err(err)? {
                let state = if m.disabled { "switched off" } else { "active" };
                out(format!("{}\t{}\t{}\t{}\t{state}", m.id, m.email, m.name, m.role));
            }
            Ok(())
        }
        UserCommand::Invite { email, role } => invite(store, org, email, parse_role(role)?, public_url).await,
        UserCommand::SetRole { email, role } => {
            let role = parse_role(role)?;
            let id = member(store, org, email).await?;
            users::set_membership(store, id, org, role, None).await.map_err(err)?;
            log(store, org, "user.update", "user", Some(id), role.as_str()).await?;
            out(format!("{email} is now {role}"));
            Ok(())
        }
        UserCommand::Disable { email } | UserCommand::Enable { email } => {
            let off = matches!(cmd, UserCommand::Disable { .. });
            let id = member(store, org, email).await?;
            users::set_disabled(store, id, off).await.map_err(err)?;
            if off {
                recordwell_store::sessions::delete_for_user(store, id).await.map_err(err)?;
            }
            log(store, org, "user.update", "user", Some(id), if off { "switched off" } else { "switched on" }).await?;
            out(format!("{email} is {}", if off { "switched off" } else { "active" }));
            Ok(())
        }
        UserCommand::ResetPassword { email } => {
            let id = member(store, org, email).await?;
            let token = random_token();
            resets::create(store, &hash_token(&token), id, 3600).await.map_err(err)?;
            log(store, org, "user.reset-link", "user", Some(id), "").await?;
            out(format!(
                "Password reset link for {email} (works once, for one hour):\n{}/password-reset/{token}",
                public_url.trim_end_matches('/')
            ));
            Ok(())
        }
    }
}

async fn token_command(store: &Store, org: i64, cmd: &TokenCommand) -> R {
    let err = |e: recordwell_store::StoreError| e.to_string();
    match cmd {
        TokenCommand::List => {
            for t in tokens::list(store, org).await.map_err(err)? {
                let state = if t.revoked_at.is_some() { "revoked" } else { "live" };
                out(format!("{}\t{}\t{state}", t.id, t.name));
            }
            Ok(())
        }
        TokenCommand::Create { name, acting_as } => {
            let user = member(store, org, acting_as).await?;
            let token = format!("{}{}", recordwell_web::pages::admin::TOKEN_PREFIX, random_token());
            let id = tokens::create(store, org, name, &hash_token(&token), user).await.map_err(err)?;
            log(store, org, "token.create", "token", Some(id), "").await?;
            out(format!("Token {id} \"{name}\" (shown once; keep it secret):\n{token}"));
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            if !tokens::revoke(store, org, *id).await.map_err(err)? {
                return Err(format!("there is no live token {id} in organisation {org}"));
            }
            log(store, org, "token.revoke", "token", Some(*id), "").await?;
            out(format!("Token {id} revoked"));
            Ok(())
        }
    }
}
