import Foundation

/// Hand-written code next to the generated types: they are ordinary members of this module.
extension DDSQL.K8sServices {
    /// Whether the service is reachable from outside the cluster.
    public var isExposed: Bool {
        serviceType == "LoadBalancer" || serviceType == "NodePort" || !(specExternalIPs ?? []).isEmpty
    }

    /// Decodes rows as DDSQL returns them (a JSON array of objects).
    public static func rows(from json: Data) throws -> [Self] {
        try DDSQLJSON.decoder().decode([Self].self, from: json)
    }
}
