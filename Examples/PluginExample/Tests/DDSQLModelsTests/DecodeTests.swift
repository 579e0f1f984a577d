import DDSQLModels
import Foundation
import Testing

/// Rows shaped like DDSQL query results decode into the types the build plugin generated.
@Suite struct DecodeTests {
    static let serviceRow = #"""
        [{
          "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"kind\":\"Service\"}"},
          "cluster_name": "prod-us1",
          "creation_timestamp": "2025-10-02T09:36:04Z",
          "deletion_timestamp": null,
          "labels": {"app": "checkout", "tier": "web"},
          "name": "checkout",
          "namespace": "shop",
          "spec_cluster_ip": "10.0.12.7",
          "spec_external_ips": [],
          "spec_health_check_node_port": 31245,
          "spec_ports": [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": 8080}],
          "spec_publish_not_ready_addresses": false,
          "spec_selector": {"app": "checkout"},
          "spec_type": "LoadBalancer",
          "tags": {"env": "prod", "team": "payments"},
          "uid": "6f1c0b9e-31d2-4a8e-9d0e-2b7d5c4f1a90"
        }]
        """#

    @Test func decodesAKubernetesServiceRow() throws {
        let services = try DDSQL.K8sServices.rows(from: Data(Self.serviceRow.utf8))
        let service = try #require(services.first)
        #expect(DDSQL.K8sServices.tableID == "k8s.services")
        // Required in schemagen.yml, so not optional.
        let name: String = service.name
        #expect(name == "checkout")
        #expect(service.uid == "6f1c0b9e-31d2-4a8e-9d0e-2b7d5c4f1a90")
        #expect(service.serviceType == "LoadBalancer")
        #expect(service.labels == ["app": "checkout", "tier": "web"])
        #expect(service.specHealthCheckNodePort == 31245)
        #expect(service.deletionTimestamp == nil)
        #expect(service.creationTimestamp == Date(timeIntervalSince1970: 1_759_397_764))
        #expect(
            service.specPorts
                == .array([
                    .object([
                        "name": .string("http"), "port": .integer(80), "protocol": .string("TCP"),
                        "targetPort": .integer(8080),
                    ])
                ]))
        #expect(service.isExposed)
    }

    @Test func aRequiredColumnThatIsNullIsAnError() {
        let row = Self.serviceRow.replacingOccurrences(of: #""name": "checkout""#, with: #""name": null"#)
        #expect(throws: DecodingError.self) { try DDSQL.K8sServices.rows(from: Data(row.utf8)) }
    }

    @Test func decodesAnSESPoolRowAndEncodesItBack() throws {
        let json =
            #"{"_key":"pool-1","account_id":"123456789012","pool_name":"marketing","scaling_mode":"MANAGED","tags":["env:prod"]}"#
        let pool = try DDSQLJSON.decoder().decode(DDSQL.AWSSESDedicatedIPPool.self, from: Data(json.utf8))
        #expect(pool.poolName == "marketing")
        #expect(pool.tags == ["env:prod"])
        let again = try DDSQLJSON.decoder().decode(
            DDSQL.AWSSESDedicatedIPPool.self, from: DDSQLJSON.encoder().encode(pool))
        #expect(again == pool)
    }
}
