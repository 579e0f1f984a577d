import DDSQLClient
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Decodes a saved DDSQL response into structs of the shape schemagen generates, for Scripts/client-benchmark.py.
// usage: DDSQLClientBenchmark RESPONSE.json [RUNS] [--values]; prints JSON: best CPU seconds, phases, rows, peak KB.

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
    FileHandle.standardError.write(Data("usage: DDSQLClientBenchmark RESPONSE.json [RUNS] [--values]\n".utf8))
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
/// `--values`: after decoding, also parse every json cell's text into a `JSONValue` (timed with the rest).
let readsValues = arguments.contains("--values")
/// CPU time of this process: steadier than wall time on a shared machine, and the same for one thread.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Parses every json cell's text into a `JSONValue`, as a program that reads them all would; returns how many
/// were read, so that the work is not left out.
func readJSONValues(_ rows: [AWSSagemakerModelPackage]) -> Int {
    func isObject(_ text: JSONText?) -> Int {
        guard let text, case .object = text.value else { return 0 }
        return 1
    }
    var count = 0
    for row in rows {
        count += isObject(row.additionalInferenceSpecifications) + isObject(row.createdBy)
        count += isObject(row.driftCheckBaselines) + isObject(row.inferenceSpecification)
        count += isObject(row.lastModifiedBy) + isObject(row.metadataProperties) + isObject(row.modelCard)
        count += isObject(row.modelLifeCycle) + isObject(row.modelMetrics) + isObject(row.modelPackageStatusDetails)
        count += isObject(row.securityConfig) + isObject(row.sourceAlgorithmSpecification)
        count += isObject(row.validationSpecification)
    }
    return count
}

var best = Double.infinity
var bestParse = 0.0
var bestRows = 0.0
var bestValues = 0.0
var rowCount = 0
for _ in 0..<runs {
    let start = cpuSeconds()
    let result = try DDSQLResult(completedResponse: bytes)
    let parsed = cpuSeconds()
    let rows = try result.rows(AWSSagemakerModelPackage.self)
    let end = cpuSeconds()
    rowCount = rows.count
    var valuesSeconds = 0.0
    if readsValues {
        let valuesStart = cpuSeconds()
        precondition(readJSONValues(rows) > 0)
        valuesSeconds = cpuSeconds() - valuesStart
    }
    if end - start + valuesSeconds < best {
        best = end - start + valuesSeconds
        bestParse = parsed - start
        bestRows = end - parsed
        bestValues = valuesSeconds
    }
}
/// This process's peak resident memory in KB. On Linux the address space's own high-water mark (`VmHWM`):
/// `ru_maxrss` also counts the memory of the process that started this one, which a Python parent holding the
/// generated response inflates.
func peakKilobytes() -> Int {
    #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kilobytes
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    #else
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / 1024  // bytes on Apple platforms
    #endif
}

print(
    "{\"seconds\": \(best), \"parse_seconds\": \(bestParse), "
        + "\"rows_seconds\": \(bestRows), \"values_seconds\": \(bestValues), \"rows\": \(rowCount), "
        + "\"peak_kb\": \(peakKilobytes())}")
