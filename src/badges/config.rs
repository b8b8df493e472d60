//! The `badges:` part of a config file and the badge policy it resolves to.
//!
//! Services a config adds are compiled when the config file is parsed (once
//! per file, not once per README); the policy only shares them.

use super::catalog::{BadgeKind, Catalog, CatalogView, Service, ServiceDef};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::borrow::Cow;
use std::sync::Arc;

/// `badges:` in a config file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BadgesConfig {
    /// Kinds of badge the README must show (`required-badges`), e.g. `[ci, license]`.
    #[serde(default)]
    pub required: Option<Vec<BadgeKind>>,
    /// Badge services to add to the built-in catalogue (`rules/badges.yml`), or to
    /// replace there by `id`.
    #[serde(default)]
    pub services: Vec<ServiceSpec>,
}

/// A service from a config file, compiled when the file is read.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "ServiceDef")]
pub struct ServiceSpec(pub Arc<Service>);

impl TryFrom<ServiceDef> for ServiceSpec {
    type Error = String;

    fn try_from(def: ServiceDef) -> Result<Self, String> {
        Service::compile(def).map(|service| ServiceSpec(Arc::new(service)))
    }
}

impl JsonSchema for ServiceSpec {
    fn schema_name() -> Cow<'static, str> {
        ServiceDef::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        ServiceDef::json_schema(generator)
    }
}

/// The badge policy for one file.
#[derive(Debug, Clone, Default)]
pub struct BadgePolicy {
    pub required: Vec<BadgeKind>,
    /// Services the config adds, in the order they are tried (before the built-in ones).
    pub services: Vec<Arc<Service>>,
}

impl BadgePolicy {
    /// Layers `config` over this policy: a `required` list replaces the one
    /// before; services are added, a later one replacing an earlier one by id.
    pub fn merge(&mut self, config: &BadgesConfig) {
        if let Some(required) = &config.required {
            self.required = required.clone();
        }
        for ServiceSpec(service) in &config.services {
            self.services.retain(|known| known.def.id != service.def.id);
            self.services.insert(0, service.clone());
        }
    }

    /// The catalogue the rules match URLs against.
    pub fn catalog(&self) -> CatalogView<'_> {
        CatalogView {
            extra: &self.services,
            base: Catalog::built_in(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::badges::catalog::Target;

    #[test]
    fn config_services_are_compiled_and_tried_first() {
        let yaml = "required: [ci, license]\nservices:\n  - id: corp-ci\n    name: Corp CI\n    kind: ci\n    hosts: [ci.corp.example]\n    routes:\n      - path: /{owner}/{repo}/status.svg\n";
        let config: BadgesConfig = serde_saphyr::from_str(yaml).unwrap();
        let mut policy = BadgePolicy::default();
        policy.merge(&config);
        assert_eq!(policy.required, [BadgeKind::Ci, BadgeKind::License]);
        let catalog = policy.catalog();
        let url = "https://ci.corp.example/o/r/status.svg";
        let matched = catalog.match_url(url, Target::Image).unwrap();
        assert_eq!(matched.service.def.id, "corp-ci");
        assert_eq!(matched.get(url, "repo"), Some("r"));
    }

    #[test]
    fn bad_services_and_kinds_are_config_errors() {
        let bad_pattern =
            "services:\n  - id: x\n    name: X\n    hosts: [x]\n    routes: [{path: 'no-slash'}]\n";
        assert!(serde_saphyr::from_str::<BadgesConfig>(bad_pattern).is_err());
        let bad_kind = "required: [cl]\n";
        assert!(serde_saphyr::from_str::<BadgesConfig>(bad_kind).is_err());
    }
}
