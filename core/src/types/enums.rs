//! [`string_enum!`](crate::string_enum): enums for the string values APIs send (statuses,
//! kinds), with an `Other(String)` fallback so a new upstream value never breaks parsing.

/// Declares a string-valued enum with an `Other(String)` fallback, plus `as_str`,
/// `Display`, `FromStr`, `From<&str>`, serde and `Default` (the first variant).
///
/// ```
/// ferrocloud::string_enum! {
///     /// A server's status.
///     pub enum Status {
///         /// Running.
///         Active = "ACTIVE",
///         /// Broken.
///         Error = "ERROR",
///     }
/// }
/// let s: Status = serde_json::from_str("\"ACTIVE\"").unwrap();
/// assert_eq!(s, Status::Active);
/// let new: Status = serde_json::from_str("\"HIBERNATING\"").unwrap();
/// assert_eq!(new, Status::Other("HIBERNATING".into()));
/// assert_eq!(serde_json::to_string(&new).unwrap(), "\"HIBERNATING\"");
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $s:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of ferrocloud does not know, as sent.
            Other(::std::string::String),
        }

        impl $name {
            /// The value as the API spells it.
            $vis fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $s, )+
                    Self::Other(s) => s,
                }
            }
        }

        impl ::core::default::Default for $name {
            fn default() -> Self {
                $crate::string_enum!(@first $( $variant )+)
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $s => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::parse_str(d)
            }
        }
    };
    (@first $first:ident $( $rest:ident )*) => { Self::$first };
}

/// Deserializes a JSON string into `T` through [`FromStr`](std::str::FromStr), reading the
/// string in place: no `String` is allocated (serde's `Cow<str>` always allocates one).
/// Every string-valued type uses it ([`string_enum!`](crate::string_enum), timestamps,
/// endpoint interfaces); not a stable API.
#[doc(hidden)]
pub fn parse_str<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    struct InPlace<T>(std::marker::PhantomData<T>);
    impl<T: std::str::FromStr> serde::de::Visitor<'_> for InPlace<T>
    where
        T::Err: std::fmt::Display,
    {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            v.parse().map_err(E::custom)
        }
    }
    d.deserialize_str(InPlace(std::marker::PhantomData))
}
