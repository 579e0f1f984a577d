import DDSQLClient
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Decodes a saved DDSQL response into structs of the shape schemagen generates, for Scripts/client-benchmark.py.
// usage: DDSQLClientBenchmark RESPONSE.json [RUNS]; prints JSON: best CPU seconds, phases, rows, peak KB, and
// the time to then parse every json cell's text into a JSONValue.

/// aws.sagemaker_model_package, written as schemagen is to generate it (Documentation/Querying.md).
struct AWSSagemakerModelPackage: DDSQLRow {
    static let tableID = "aws.sagemaker_model_package"
    var key: String?
    var accountId: String?
    var additionalInferenceSpecifications: JSONText?
    var approvalDescription: String?
    var certifyForMarketplace: Bool?
    var createdBy: JSONText?
    var creationTime: Date?
    var customerMetadataProperties: [String: String]?
    var domain: String?
    var driftCheckBaselines: JSONText?
    var inferenceSpecification: JSONText?
    var lastModifiedBy: JSONText?
    var lastModifiedTime: Date?
    var metadataProperties: JSONText?
    var modelApprovalStatus: String?
    var modelCard: JSONText?
    var modelLifeCycle: JSONText?
    var modelMetrics: JSONText?
    var modelPackageArn: String?
    var modelPackageDescription: String?
    var modelPackageGroupName: String?
    var modelPackageName: String?
    var modelPackageStatus: String?
    var modelPackageStatusDetails: JSONText?
    var modelPackageVersion: Int64?
    var samplePayloadUrl: String?
    var securityConfig: JSONText?
    var skipModelValidation: String?
    var sourceAlgorithmSpecification: JSONText?
    var sourceUri: String?
    var tags: [String]?
    var task: String?
    var validationSpecification: JSONText?

    static let ddsqlColumns: [DDSQLColumn] = [
        .init("_key", .varchar),
        .init("account_id", .varchar),
        .init("additional_inference_specifications", .json),
        .init("approval_description", .varchar),
        .init("certify_for_marketplace", .boolean),
        .init("created_by", .json),
        .init("creation_time", .timestamp),
        .init("customer_metadata_properties", .hstore),
        .init("domain", .varchar),
        .init("drift_check_baselines", .json),
        .init("inference_specification", .json),
        .init("last_modified_by", .json),
        .init("last_modified_time", .timestamp),
        .init("metadata_properties", .json),
        .init("model_approval_status", .varchar),
        .init("model_card", .json),
        .init("model_life_cycle", .json),
        .init("model_metrics", .json),
        .init("model_package_arn", .varchar),
        .init("model_package_description", .varchar),
        .init("model_package_group_name", .varchar),
        .init("model_package_name", .varchar),
        .init("model_package_status", .varchar),
        .init("model_package_status_details", .json),
        .init("model_package_version", .bigint),
        .init("sample_payload_url", .varchar),
        .init("security_config", .json),
        .init("skip_model_validation", .varchar),
        .init("source_algorithm_specification", .json),
        .init("source_uri", .varchar),
        .init("tags", .hstore),
        .init("task", .varchar),
        .init("validation_specification", .json),
    ]

    init(ddsqlRow row: DDSQLRowReader) throws {
        key = try row.optional(0)
        accountId = try row.optional(1)
        additionalInferenceSpecifications = try row.optional(2)
        approvalDescription = try row.optional(3)
        certifyForMarketplace = try row.optional(4)
        createdBy = try row.optional(5)
        creationTime = try row.optional(6)
        customerMetadataProperties = try row.optional(7)
        domain = try row.optional(8)
        driftCheckBaselines = try row.optional(9)
        inferenceSpecification = try row.optional(10)
        lastModifiedBy = try row.optional(11)
        lastModifiedTime = try row.optional(12)
        metadataProperties = try row.optional(13)
        modelApprovalStatus = try row.optional(14)
        modelCard = try row.optional(15)
        modelLifeCycle = try row.optional(16)
        modelMetrics = try row.optional(17)
        modelPackageArn = try row.optional(18)
        modelPackageDescription = try row.optional(19)
        modelPackageGroupName = try row.optional(20)
        modelPackageName = try row.optional(21)
        modelPackageStatus = try row.optional(22)
        modelPackageStatusDetails = try row.optional(23)
        modelPackageVersion = try row.optional(24)
        samplePayloadUrl = try row.optional(25)
        securityConfig = try row.optional(26)
        skipModelValidation = try row.optional(27)
        sourceAlgorithmSpecification = try row.optional(28)
        sourceUri = try row.optional(29)
        tags = try row.optional(30)
        task = try row.optional(31)
        validationSpecification = try row.optional(32)
    }
}

let arguments = CommandLine.arguments
/// The file's bytes, read straight into one array (no intermediate `Data` copy to inflate the peak).
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    fseek(file, 0, SEEK_END)
    let size = ftell(file)
    fseek(file, 0, SEEK_SET)
    guard size >= 0 else { return nil }
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = fread(buffer.baseAddress, 1, size, file)
    }
}

guard arguments.count >= 2, let bytes = readFile(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: DDSQLClientBenchmark RESPONSE.json [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
/// CPU time of this process: steadier than wall time on a shared machine, and the same for one thread.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Parses every json cell's text into a `JSONValue`, as a program that reads them all would; returns how many
/// were read, so that the work is not left out.
func readJSONValues(_ rows: [AWSSagemakerModelPackage]) -> Int {
    let paths: [KeyPath<AWSSagemakerModelPackage, JSONText?>] = [
        \.additionalInferenceSpecifications, \.createdBy, \.driftCheckBaselines, \.inferenceSpecification,
        \.lastModifiedBy, \.metadataProperties, \.modelCard, \.modelLifeCycle, \.modelMetrics,
        \.modelPackageStatusDetails, \.securityConfig, \.sourceAlgorithmSpecification, \.validationSpecification,
    ]
    var count = 0
    for row in rows {
        for path in paths {
            if let text = row[keyPath: path], case .object = text.value { count += 1 }
        }
    }
    return count
}

var best = Double.infinity
var bestParse = 0.0
var bestRows = 0.0
var bestValues = Double.infinity
var rowCount = 0
for _ in 0..<runs {
    let start = cpuSeconds()
    let result = try DDSQLResult(completedResponse: bytes)
    let parsed = cpuSeconds()
    let rows = try result.rows(AWSSagemakerModelPackage.self)
    let end = cpuSeconds()
    rowCount = rows.count
    if end - start < best {
        best = end - start
        bestParse = parsed - start
        bestRows = end - parsed
    }
    precondition(readJSONValues(rows) > 0)
    let valuesStart = cpuSeconds()
    _ = readJSONValues(rows)
    bestValues = min(bestValues, cpuSeconds() - valuesStart)
}
var usage = rusage()
#if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
#else
    getrusage(RUSAGE_SELF, &usage)
#endif
print(
    "{\"seconds\": \(best), \"parse_seconds\": \(bestParse), "
        + "\"rows_seconds\": \(bestRows), \"values_seconds\": \(bestValues), \"rows\": \(rowCount), "
        + "\"peak_kb\": \(usage.ru_maxrss)}")
