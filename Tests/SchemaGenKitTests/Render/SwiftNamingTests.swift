import Testing

@testable import SchemaGenKit

/// Naming rules, one row per case: input → expected Swift name.
@Suite struct SwiftNamingTests {
    @Test(arguments: [
        ("aws.ec2_instance", "AWSEC2Instance"),
        ("gcp.sql_database_instance", "GCPSQLDatabaseInstance"),
        ("dd.apis", "DDAPIs"),
        ("k8s.pods", "K8sPods"),
        ("azure.ad_security_defaults_policy", "AzureADSecurityDefaultsPolicy"),
        ("aws.sagemaker_model_package", "AWSSagemakerModelPackage"),
        ("oci.1password", "OCI1password"),
        ("9lives.cat", "T9livesCat"),
        ("...", "Table"),
    ])
    func typeNames(_ input: String, _ expected: String) {
        #expect(SwiftNaming.typeName(tableID: input) == expected)
    }

    @Test(arguments: [
        ("arn", "arn"),
        ("_key", "key"),
        ("account_id", "accountID"),
        ("role_arn", "roleARN"),
        ("@http.status_code", "httpStatusCode"),
        ("@network.client.geoip.country.iso_code", "networkClientGeoipCountryIsoCode"),
        ("core_network_arn", "coreNetworkARN"),
        ("public_ips", "publicIPs"),
        ("protocol", "protocol"),
        ("self", "self_"),
        ("init", "init_"),
        ("Type", "type"),
        ("hash_value", "hashValue_"),
        ("table_id", "tableID_"),
        ("description", "description"),
        ("1st_place", "_1stPlace"),
        ("@@@", "field"),
        ("ümlaut_name", "umlautName"),
    ])
    func propertyNames(_ input: String, _ expected: String) {
        #expect(SwiftNaming.propertyName(column: input) == expected)
    }

    @Test func keywordsAreEscapedAndOthersAreNot() {
        #expect(SwiftNaming.escaped("protocol") == "`protocol`")
        #expect(SwiftNaming.escaped("default") == "`default`")
        #expect(SwiftNaming.escaped("await") == "`await`")
        #expect(SwiftNaming.escaped("description") == "description")
        #expect(SwiftNaming.escaped("type") == "type")
    }
}
