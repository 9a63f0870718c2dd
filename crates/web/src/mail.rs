//! Outgoing email: invitations and password resets, over real SMTP (lettre).
//!
//! Without SMTP settings the server still works on one machine: emails are not sent, the server
//! log says so (without the link: links are secrets), and administrators see invitation links on
//! screen to pass on themselves.

use crate::settings::SmtpSettings;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Sends email, or knows it cannot.
pub struct Mailer {
    transport: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
}

/// Why an email was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// No SMTP server is configured.
    #[error("email is not set up on this server (see docs/deployment.md, \"Email\")")]
    NotConfigured,
    /// The address is not an email address.
    #[error("\"{0}\" is not an email address")]
    BadAddress(String),
    /// The mail server refused or could not be reached.
    #[error("the mail server did not accept the message: {0}")]
    Send(String),
}

impl Mailer {
    /// A mailer for these settings (none: emails are not sent).
    pub fn new(settings: Option<&SmtpSettings>) -> Result<Mailer, String> {
        let Some(s) = settings else { return Ok(Mailer { transport: None }) };
        let from: Mailbox =
            s.from.parse().map_err(|e| format!("smtp.from \"{}\" is not an email address: {e}", s.from))?;
        let builder = match s.security.as_str() {
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host).map_err(|e| e.to_string())?,
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host).map_err(|e| e.to_string())?,
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
            other => return Err(format!("smtp.security must be tls, starttls or none, not \"{other}\"")),
        };
        let mut builder = builder.port(s.port).timeout(Some(std::time::Duration::from_secs(15)));
        if let (Some(user), Some(pass)) = (&s.username, &s.password) {
            builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
        }
        Ok(Mailer { transport: Some((builder.build(), from)) })
    }

    /// Whether emails can be sent.
    pub fn is_configured(&self) -> bool {
        self.transport.is_some()
    }

    /// Sends a plain-text email.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), MailError> {
        let Some((transport, from)) = &self.transport else {
            tracing::warn!(subject, "email not sent: no SMTP server configured");
            return Err(MailError::NotConfigured);
        };
        let to: Mailbox = to.parse().map_err(|_| MailError::BadAddress(to.to_owned()))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject)
            .body(body)
            .map_err(|e| MailError::Send(e.to_string()))?;
        transport.send(message).await.map_err(|e| MailError::Send(e.to_string()))?;
        Ok(())
    }

    /// Sends a plain-text email with one attached file (`filename`, `content_type`, bytes).
    pub async fn send_with_attachment(
        &self,
        to: &str,
        subject: &str,
        body: String,
        attachment: (&str, &str, Vec<u8>),
    ) -> Result<(), MailError> {
        use lettre::message::header::ContentType;
        use lettre::message::{Attachment, MultiPart, SinglePart};
        let Some((transport, from)) = &self.transport else {
            tracing::warn!(subject, "email not sent: no SMTP server configured");
            return Err(MailError::NotConfigured);
        };
        let to: Mailbox = to.parse().map_err(|_| MailError::BadAddress(to.to_owned()))?;
        let (filename, content_type, bytes) = attachment;
        let content_type = ContentType::parse(content_type).map_err(|e| MailError::Send(e.to_string()))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject)
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(body))
                    .singlepart(Attachment::new(filename.to_owned()).body(bytes, content_type)),
            )
            .map_err(|e| MailError::Send(e.to_string()))?;
        transport.send(message).await.map_err(|e| MailError::Send(e.to_string()))?;
        Ok(())
    }
}
