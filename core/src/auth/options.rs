//! [`AuthOptions`]: everything a caller may say about how to authenticate, and the rules
//! (gophercloud's, one typed [`InvalidInput`] each) that turn it into a [`Credentials`].

use std::fmt;

use crate::{InvalidInput, Secret};

/// How to authenticate, in the flat form of `OS_*` variables and clouds.yaml.
///
/// Fill in what you have; [`AuthOptions::validate`] checks the combination before any I/O.
///
/// ```
/// use ferrocloud::AuthOptions;
/// let opts = AuthOptions::password("http://127.0.0.1:5000/v3", "demo", "Default", "demopw")
///     .project_name("demo", "Default");
/// assert!(opts.validate().is_ok());
/// assert!(!format!("{opts:?}").contains("demopw"));
///
/// let bad = AuthOptions { project_name: Some("demo".into()), ..opts.clone() }.project_domain_none();
/// assert_eq!(bad.validate().unwrap_err(), ferrocloud::InvalidInput::ScopeDomainIdOrDomainName);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AuthOptions {
    /// Keystone URL (`OS_AUTH_URL`); a path ending in `v2.0` selects Keystone v2.
    pub auth_url: String,
    /// User name (`OS_USERNAME`).
    pub username: Option<String>,
    /// User id (`OS_USER_ID`).
    pub user_id: Option<String>,
    /// The user's domain id (`OS_USER_DOMAIN_ID`).
    pub user_domain_id: Option<String>,
    /// The user's domain name (`OS_USER_DOMAIN_NAME`).
    pub user_domain_name: Option<String>,
    /// Password (`OS_PASSWORD`).
    pub password: Option<Secret>,
    /// TOTP passcode (`OS_PASSCODE`); with a password, both methods are sent (MFA).
    pub passcode: Option<Secret>,
    /// An existing token (`OS_TOKEN`).
    pub token: Option<Secret>,
    /// Application credential id (`OS_APPLICATION_CREDENTIAL_ID`).
    pub application_credential_id: Option<String>,
    /// Application credential name (`OS_APPLICATION_CREDENTIAL_NAME`); needs the user.
    pub application_credential_name: Option<String>,
    /// Application credential secret (`OS_APPLICATION_CREDENTIAL_SECRET`).
    pub application_credential_secret: Option<Secret>,
    /// Project (tenant) id scope (`OS_PROJECT_ID`, `OS_TENANT_ID`).
    pub project_id: Option<String>,
    /// Project (tenant) name scope (`OS_PROJECT_NAME`, `OS_TENANT_NAME`).
    pub project_name: Option<String>,
    /// Domain id of the scope's project (`OS_PROJECT_DOMAIN_ID`).
    pub project_domain_id: Option<String>,
    /// Domain name of the scope's project (`OS_PROJECT_DOMAIN_NAME`).
    pub project_domain_name: Option<String>,
    /// Domain id scope (`OS_DOMAIN_ID`).
    pub domain_id: Option<String>,
    /// Domain name scope (`OS_DOMAIN_NAME`).
    pub domain_name: Option<String>,
    /// System scope (`OS_SYSTEM_SCOPE=all`).
    pub system_scope: bool,
    /// Trust scope (`OS_TRUST_ID`).
    pub trust_id: Option<String>,
    /// Ask Keystone explicitly for an unscoped token (ignoring the user's default project).
    pub explicit_unscoped: bool,
    /// Reauthenticate when the token expires or is revoked (default `true`; off for
    /// token auth, which cannot renew itself).
    pub allow_reauth: bool,
}

impl fmt::Debug for AuthOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("AuthOptions");
        d.field("auth_url", &self.auth_url);
        macro_rules! opt {
            ($($name:ident),*) => {$( if let Some(v) = &self.$name { d.field(stringify!($name), v); } )*};
        }
        opt!(
            username,
            user_id,
            user_domain_id,
            user_domain_name,
            password,
            passcode,
            token,
            application_credential_id,
            application_credential_name,
            application_credential_secret,
            project_id,
            project_name,
            project_domain_id,
            project_domain_name,
            domain_id,
            domain_name,
            trust_id
        );
        if self.system_scope {
            d.field("system_scope", &true);
        }
        d.finish_non_exhaustive()
    }
}

fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

fn some_secret(s: &Option<Secret>) -> Option<&Secret> {
    s.as_ref().filter(|s| !s.is_empty())
}

impl AuthOptions {
    /// Password auth for a user name in a domain (given by name; use the fields for a
    /// domain id or a user id).
    pub fn password(
        auth_url: &str,
        username: &str,
        user_domain_name: &str,
        password: &str,
    ) -> Self {
        AuthOptions {
            auth_url: auth_url.into(),
            username: Some(username.into()),
            user_domain_name: Some(user_domain_name.into()),
            password: Some(Secret::new(password)),
            allow_reauth: true,
            ..Default::default()
        }
    }

    /// Auth with an existing token (no reauthentication).
    pub fn token(auth_url: &str, token: Secret) -> Self {
        AuthOptions {
            auth_url: auth_url.into(),
            token: Some(token),
            allow_reauth: false,
            ..Default::default()
        }
    }

    /// Auth with an application credential id and secret.
    pub fn application_credential(auth_url: &str, id: &str, secret: Secret) -> Self {
        AuthOptions {
            auth_url: auth_url.into(),
            application_credential_id: Some(id.into()),
            application_credential_secret: Some(secret),
            allow_reauth: true,
            ..Default::default()
        }
    }

    /// Scopes to a project by name within a domain (by name).
    pub fn project_name(mut self, project: &str, domain_name: &str) -> Self {
        self.project_name = Some(project.into());
        self.project_domain_name = Some(domain_name.into());
        self
    }

    /// Scopes to a project by id.
    pub fn project_id(mut self, project_id: &str) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Scopes to a domain by name.
    pub fn domain_name(mut self, domain: &str) -> Self {
        self.domain_name = Some(domain.into());
        self
    }

    /// Scopes to a domain by id.
    pub fn domain_id(mut self, domain: &str) -> Self {
        self.domain_id = Some(domain.into());
        self
    }

    /// Scopes to the whole system.
    pub fn system(mut self) -> Self {
        self.system_scope = true;
        self
    }

    /// Scopes to a trust.
    pub fn trust(mut self, trust_id: &str) -> Self {
        self.trust_id = Some(trust_id.into());
        self
    }

    /// Drops the project domain (for tests of the rules).
    pub fn project_domain_none(mut self) -> Self {
        self.project_domain_id = None;
        self.project_domain_name = None;
        self
    }

    /// `true` when `auth_url` names Keystone v2 (its path ends in `v2.0`).
    pub fn is_v2(&self) -> bool {
        self.auth_url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .is_some_and(|last| last == "v2.0")
    }

    /// Checks the combination (gophercloud's rules) and returns the typed credentials.
    pub fn validate(&self) -> Result<Credentials, InvalidInput> {
        let url = self.auth_url.trim();
        if url.is_empty() {
            return Err(InvalidInput::MissingAuthUrl);
        }
        if !url::Url::parse(url)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
        {
            return Err(InvalidInput::BadAuthUrl(url.to_owned()));
        }
        if self.is_v2() {
            return self.validate_v2();
        }
        let method = self.method()?;
        let scope = self.scope()?;
        if matches!(method, Method::ApplicationCredential { .. }) && scope != Scope::Default {
            return Err(InvalidInput::AppCredWithScope);
        }
        Ok(Credentials {
            auth_url: url.trim_end_matches('/').to_owned(),
            version: IdentityVersion::V3,
            method,
            scope,
        })
    }

    fn user(&self) -> Result<User, InvalidInput> {
        match (some(&self.username), some(&self.user_id)) {
            (None, None) => Err(InvalidInput::UsernameOrUserId),
            (Some(_), Some(_)) => Err(InvalidInput::UsernameAndUserId),
            (None, Some(id)) => {
                if some(&self.user_domain_id).is_some() {
                    return Err(InvalidInput::DomainIdWithUserId);
                }
                if some(&self.user_domain_name).is_some() {
                    return Err(InvalidInput::DomainNameWithUserId);
                }
                Ok(User::Id(id.to_owned()))
            }
            (Some(name), None) => {
                let domain = match (some(&self.user_domain_id), some(&self.user_domain_name)) {
                    (Some(_), Some(_)) => return Err(InvalidInput::DomainIdAndDomainName),
                    (Some(id), None) => Domain::Id(id.to_owned()),
                    (None, Some(n)) => Domain::Name(n.to_owned()),
                    (None, None) => return Err(InvalidInput::DomainIdOrDomainName),
                };
                Ok(User::Name {
                    name: name.to_owned(),
                    domain,
                })
            }
        }
    }

    fn method(&self) -> Result<Method, InvalidInput> {
        if let Some(token) = some_secret(&self.token) {
            if some(&self.username).is_some() {
                return Err(InvalidInput::UsernameWithToken);
            }
            if some(&self.user_id).is_some() {
                return Err(InvalidInput::UserIdWithToken);
            }
            if some(&self.user_domain_id).is_some() {
                return Err(InvalidInput::DomainIdWithToken);
            }
            if some(&self.user_domain_name).is_some() {
                return Err(InvalidInput::DomainNameWithToken);
            }
            return Ok(Method::Token(token.clone()));
        }
        if let Some(id) = some(&self.application_credential_id) {
            let secret = some_secret(&self.application_credential_secret)
                .ok_or(InvalidInput::AppCredMissingSecret)?;
            return Ok(Method::ApplicationCredential {
                credential: AppCredential::Id(id.to_owned()),
                secret: secret.clone(),
            });
        }
        if let Some(name) = some(&self.application_credential_name) {
            let user = self.user()?;
            let secret = some_secret(&self.application_credential_secret)
                .ok_or(InvalidInput::AppCredMissingSecret)?;
            return Ok(Method::ApplicationCredential {
                credential: AppCredential::Name {
                    name: name.to_owned(),
                    user,
                },
                secret: secret.clone(),
            });
        }
        let password = some_secret(&self.password);
        let passcode = some_secret(&self.passcode);
        if password.is_none() && passcode.is_none() {
            return Err(InvalidInput::MissingCredentials);
        }
        let user = self.user()?;
        Ok(match (password, passcode) {
            (Some(pw), totp) => Method::Password {
                user,
                password: pw.clone(),
                passcode: totp.cloned(),
            },
            (None, Some(code)) => Method::Totp {
                user,
                passcode: code.clone(),
            },
            (None, None) => unreachable!("checked above"),
        })
    }

    fn scope(&self) -> Result<Scope, InvalidInput> {
        let project = some(&self.project_id).is_some() || some(&self.project_name).is_some();
        let domain = some(&self.domain_id).is_some() || some(&self.domain_name).is_some();
        let trust = some(&self.trust_id).is_some();
        let kinds = [
            project,
            domain,
            self.system_scope,
            trust,
            self.explicit_unscoped,
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if kinds > 1 {
            return Err(InvalidInput::ScopeConflict);
        }
        let project_domain = || match (
            some(&self.project_domain_id),
            some(&self.project_domain_name),
        ) {
            (Some(_), Some(_)) => Err(InvalidInput::ScopeDomainIdAndDomainName),
            (Some(id), None) => Ok(Some(Domain::Id(id.to_owned()))),
            (None, Some(n)) => Ok(Some(Domain::Name(n.to_owned()))),
            (None, None) => Ok(None),
        };
        if project {
            return match (some(&self.project_id), some(&self.project_name)) {
                (Some(_), Some(_)) => Err(InvalidInput::ScopeProjectIdOrProjectName),
                (Some(id), None) => {
                    if project_domain()?.is_some() {
                        return Err(InvalidInput::ScopeProjectIdAlone);
                    }
                    Ok(Scope::Project(Project::Id(id.to_owned())))
                }
                (None, Some(name)) => {
                    let domain =
                        project_domain()?.ok_or(InvalidInput::ScopeDomainIdOrDomainName)?;
                    Ok(Scope::Project(Project::Name {
                        name: name.to_owned(),
                        domain,
                    }))
                }
                (None, None) => unreachable!("project scope checked above"),
            };
        }
        if domain {
            return match (some(&self.domain_id), some(&self.domain_name)) {
                (Some(_), Some(_)) => Err(InvalidInput::ScopeDomainIdAndDomainName),
                (Some(id), _) => Ok(Scope::Domain(Domain::Id(id.to_owned()))),
                (None, Some(n)) => Ok(Scope::Domain(Domain::Name(n.to_owned()))),
                (None, None) => unreachable!("domain scope checked above"),
            };
        }
        if self.system_scope {
            return Ok(Scope::System);
        }
        if let Some(t) = some(&self.trust_id) {
            return Ok(Scope::Trust(t.to_owned()));
        }
        if self.explicit_unscoped {
            return Ok(Scope::Unscoped);
        }
        Ok(Scope::Default)
    }

    fn validate_v2(&self) -> Result<Credentials, InvalidInput> {
        if some(&self.application_credential_id).is_some()
            || some(&self.application_credential_name).is_some()
        {
            return Err(InvalidInput::V2Unsupported("application credential"));
        }
        if some_secret(&self.passcode).is_some() {
            return Err(InvalidInput::V2Unsupported("TOTP"));
        }
        if self.system_scope || some(&self.domain_id).is_some() || some(&self.domain_name).is_some()
        {
            return Err(InvalidInput::V2Unsupported("domain or system scope"));
        }
        if some(&self.trust_id).is_some() {
            return Err(InvalidInput::V2Unsupported("trust scope"));
        }
        let method = if let Some(token) = some_secret(&self.token) {
            if some(&self.username).is_some() {
                return Err(InvalidInput::UsernameWithToken);
            }
            Method::Token(token.clone())
        } else {
            let password = some_secret(&self.password).ok_or(InvalidInput::MissingCredentials)?;
            let name = some(&self.username).ok_or(InvalidInput::V2MissingUsername)?;
            Method::Password {
                user: User::Name {
                    name: name.to_owned(),
                    domain: Domain::Id(String::new()),
                },
                password: password.clone(),
                passcode: None,
            }
        };
        let scope = match (some(&self.project_id), some(&self.project_name)) {
            (Some(_), Some(_)) => return Err(InvalidInput::ScopeProjectIdOrProjectName),
            (Some(id), None) => Scope::Project(Project::Id(id.to_owned())),
            (None, Some(n)) => Scope::Project(Project::Name {
                name: n.to_owned(),
                domain: Domain::Id(String::new()),
            }),
            (None, None) => Scope::Default,
        };
        Ok(Credentials {
            auth_url: self.auth_url.trim().trim_end_matches('/').to_owned(),
            version: IdentityVersion::V2,
            method,
            scope,
        })
    }
}

/// Keystone API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityVersion {
    /// Keystone v2.0 (removed upstream; still served by some clouds).
    V2,
    /// Keystone v3.
    V3,
}

/// A domain, by id or by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Domain {
    /// By id.
    Id(String),
    /// By name.
    Name(String),
}

/// A user, by id or by name within a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum User {
    /// By id.
    Id(String),
    /// By name in a domain.
    Name {
        /// User name.
        name: String,
        /// Its domain.
        domain: Domain,
    },
}

/// A project, by id or by name within a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Project {
    /// By id.
    Id(String),
    /// By name in a domain.
    Name {
        /// Project name.
        name: String,
        /// Its domain.
        domain: Domain,
    },
}

/// An application credential, by id or by name and user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppCredential {
    /// By id.
    Id(String),
    /// By name, with its user.
    Name {
        /// Credential name.
        name: String,
        /// Its user.
        user: User,
    },
}

/// The authentication method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// Password, optionally with a TOTP passcode (multi-factor).
    Password {
        /// The user.
        user: User,
        /// The password.
        password: Secret,
        /// A TOTP passcode sent as a second method.
        passcode: Option<Secret>,
    },
    /// TOTP alone.
    Totp {
        /// The user.
        user: User,
        /// The passcode.
        passcode: Secret,
    },
    /// An existing token.
    Token(Secret),
    /// An application credential.
    ApplicationCredential {
        /// Which credential.
        credential: AppCredential,
        /// Its secret.
        secret: Secret,
    },
}

/// The scope asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// No scope in the request: Keystone uses the user's default project, if any.
    Default,
    /// `"scope": "unscoped"`: an unscoped token even if the user has a default project.
    Unscoped,
    /// A project.
    Project(Project),
    /// A domain.
    Domain(Domain),
    /// The whole system.
    System,
    /// A trust.
    Trust(String),
}

/// Validated credentials: what [`AuthOptions::validate`] returns, and what the token
/// request builders take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Keystone URL, without a trailing slash.
    pub auth_url: String,
    /// Keystone API version.
    pub version: IdentityVersion,
    /// The method.
    pub method: Method,
    /// The scope.
    pub scope: Scope,
}

impl Credentials {
    /// `true` when these credentials can produce a fresh token on their own (not a
    /// bare token).
    pub fn can_reauthenticate(&self) -> bool {
        !matches!(self.method, Method::Token(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use InvalidInput as E;

    const URL: &str = "http://ks:5000/v3";

    fn base() -> AuthOptions {
        AuthOptions {
            auth_url: URL.into(),
            allow_reauth: true,
            ..Default::default()
        }
    }
    fn pw() -> AuthOptions {
        AuthOptions {
            password: Some("pw".into()),
            ..base()
        }
    }
    fn s(v: &str) -> Option<String> {
        Some(v.into())
    }

    #[test]
    fn every_rule_has_its_error() {
        let cases: Vec<(AuthOptions, InvalidInput)> = vec![
            (
                AuthOptions {
                    auth_url: String::new(),
                    ..pw()
                },
                E::MissingAuthUrl,
            ),
            (
                AuthOptions {
                    auth_url: "ks:5000".into(),
                    ..pw()
                },
                E::BadAuthUrl("ks:5000".into()),
            ),
            (base(), E::MissingCredentials),
            (pw(), E::UsernameOrUserId),
            (
                AuthOptions {
                    username: s("u"),
                    user_id: s("i"),
                    ..pw()
                },
                E::UsernameAndUserId,
            ),
            (
                AuthOptions {
                    username: s("u"),
                    ..pw()
                },
                E::DomainIdOrDomainName,
            ),
            (
                AuthOptions {
                    username: s("u"),
                    user_domain_id: s("d"),
                    user_domain_name: s("D"),
                    ..pw()
                },
                E::DomainIdAndDomainName,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    user_domain_id: s("d"),
                    ..pw()
                },
                E::DomainIdWithUserId,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    user_domain_name: s("D"),
                    ..pw()
                },
                E::DomainNameWithUserId,
            ),
            (
                AuthOptions {
                    token: Some("t".into()),
                    username: s("u"),
                    ..base()
                },
                E::UsernameWithToken,
            ),
            (
                AuthOptions {
                    token: Some("t".into()),
                    user_id: s("u"),
                    ..base()
                },
                E::UserIdWithToken,
            ),
            (
                AuthOptions {
                    token: Some("t".into()),
                    user_domain_id: s("d"),
                    ..base()
                },
                E::DomainIdWithToken,
            ),
            (
                AuthOptions {
                    token: Some("t".into()),
                    user_domain_name: s("d"),
                    ..base()
                },
                E::DomainNameWithToken,
            ),
            (
                AuthOptions {
                    application_credential_id: s("a"),
                    ..base()
                },
                E::AppCredMissingSecret,
            ),
            (
                AuthOptions {
                    application_credential_name: s("a"),
                    user_id: s("u"),
                    ..base()
                },
                E::AppCredMissingSecret,
            ),
            (
                AuthOptions {
                    application_credential_name: s("a"),
                    application_credential_secret: Some("x".into()),
                    ..base()
                },
                E::UsernameOrUserId,
            ),
            (
                AuthOptions {
                    application_credential_id: s("a"),
                    application_credential_secret: Some("x".into()),
                    project_id: s("p"),
                    ..base()
                },
                E::AppCredWithScope,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    project_name: s("p"),
                    ..pw()
                },
                E::ScopeDomainIdOrDomainName,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    project_name: s("p"),
                    project_domain_id: s("d"),
                    project_domain_name: s("D"),
                    ..pw()
                },
                E::ScopeDomainIdAndDomainName,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    project_id: s("p"),
                    project_domain_id: s("d"),
                    ..pw()
                },
                E::ScopeProjectIdAlone,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    project_id: s("p"),
                    project_name: s("n"),
                    ..pw()
                },
                E::ScopeProjectIdOrProjectName,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    project_id: s("p"),
                    domain_id: s("d"),
                    ..pw()
                },
                E::ScopeConflict,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    system_scope: true,
                    trust_id: s("t"),
                    ..pw()
                },
                E::ScopeConflict,
            ),
            (
                AuthOptions {
                    user_id: s("i"),
                    domain_id: s("d"),
                    domain_name: s("D"),
                    ..pw()
                },
                E::ScopeDomainIdAndDomainName,
            ),
            (
                AuthOptions {
                    auth_url: "http://ks/v2.0".into(),
                    application_credential_id: s("a"),
                    ..base()
                },
                E::V2Unsupported("application credential"),
            ),
            (
                AuthOptions {
                    auth_url: "http://ks/v2.0/".into(),
                    user_id: s("i"),
                    ..pw()
                },
                E::V2MissingUsername,
            ),
            (
                AuthOptions {
                    auth_url: "http://ks/v2.0".into(),
                    username: s("u"),
                    passcode: Some("1".into()),
                    ..pw()
                },
                E::V2Unsupported("TOTP"),
            ),
            (
                AuthOptions {
                    auth_url: "http://ks/v2.0".into(),
                    username: s("u"),
                    domain_id: s("d"),
                    ..pw()
                },
                E::V2Unsupported("domain or system scope"),
            ),
            (
                AuthOptions {
                    auth_url: "http://ks/v2.0".into(),
                    username: s("u"),
                    trust_id: s("d"),
                    ..pw()
                },
                E::V2Unsupported("trust scope"),
            ),
            (
                AuthOptions {
                    auth_url: "http://ks/v2.0".into(),
                    token: Some("t".into()),
                    username: s("u"),
                    ..base()
                },
                E::UsernameWithToken,
            ),
            (
                AuthOptions {
                    auth_url: "http://ks/v2.0".into(),
                    username: s("u"),
                    ..base()
                },
                E::MissingCredentials,
            ),
        ];
        for (opts, want) in cases {
            assert_eq!(opts.validate(), Err(want.clone()), "{opts:?}");
            assert!(!want.to_string().is_empty());
        }
    }

    #[test]
    fn accepted_combinations() {
        let c = AuthOptions {
            username: s("u"),
            user_domain_name: s("Default"),
            ..pw()
        }
        .project_name("demo", "Default")
        .validate()
        .unwrap();
        assert_eq!(
            c.scope,
            Scope::Project(Project::Name {
                name: "demo".into(),
                domain: Domain::Name("Default".into())
            })
        );
        let c = AuthOptions {
            user_id: s("i"),
            passcode: Some("123456".into()),
            password: None,
            ..base()
        }
        .validate()
        .unwrap();
        assert!(matches!(c.method, Method::Totp { .. }));
        let c = AuthOptions {
            user_id: s("i"),
            passcode: Some("123456".into()),
            ..pw()
        }
        .system()
        .validate()
        .unwrap();
        assert!(matches!(
            c.method,
            Method::Password {
                passcode: Some(_),
                ..
            }
        ));
        assert_eq!(c.scope, Scope::System);
        let c = AuthOptions::token(URL, "t".into())
            .trust("tr")
            .validate()
            .unwrap();
        assert_eq!(c.scope, Scope::Trust("tr".into()));
        assert!(!c.can_reauthenticate());
        let c = AuthOptions {
            application_credential_name: s("a"),
            username: s("u"),
            user_domain_id: s("default"),
            application_credential_secret: Some("x".into()),
            ..base()
        }
        .validate()
        .unwrap();
        assert!(matches!(
            c.method,
            Method::ApplicationCredential {
                credential: AppCredential::Name { .. },
                ..
            }
        ));
        let c = AuthOptions {
            auth_url: "http://ks/v2.0".into(),
            username: s("u"),
            project_name: s("t"),
            ..pw()
        }
        .validate()
        .unwrap();
        assert_eq!(c.version, IdentityVersion::V2);
        let c = AuthOptions {
            explicit_unscoped: true,
            ..AuthOptions::token(URL, "t".into())
        }
        .validate()
        .unwrap();
        assert_eq!(c.scope, Scope::Unscoped);
    }

    #[test]
    fn secrets_never_in_debug() {
        let o = AuthOptions {
            token: Some("tok-SECRET".into()),
            application_credential_secret: Some("ac-SECRET".into()),
            passcode: Some("pc-SECRET".into()),
            ..AuthOptions::password(URL, "u", "Default", "pw-SECRET")
        };
        let dbg = format!("{o:?} {:?}", o.validate());
        assert!(!dbg.contains("SECRET"), "{dbg}");
        assert!(dbg.contains("<redacted>"));
    }
}
