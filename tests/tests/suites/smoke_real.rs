use ferrocloud_tests::cloud;

#[tokio::test(flavor = "multi_thread")]
async fn password_auth_returns_a_scoped_token_with_catalog() {
    let admin = cloud::admin();
    let token = admin.token().await.expect("auth");
    assert_eq!(
        token.info.project.as_ref().and_then(|p| p.name.as_deref()),
        Some("admin")
    );
    let types: Vec<&str> = token
        .info
        .catalog
        .entries
        .iter()
        .map(|e| e.service_type.as_str())
        .collect();
    for t in ["identity", "compute", "network", "image"] {
        assert!(types.contains(&t), "catalog lacks {t}: {types:?}");
    }
    let nova = admin
        .compute()
        .service_client()
        .await
        .expect("compute endpoint");
    assert!(
        nova.base_url().starts_with("http://127.0.0.1:8774/"),
        "{}",
        nova.base_url()
    );
}
