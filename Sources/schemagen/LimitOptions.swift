import ArgumentParser
import SchemaGenKit

/// The resource limits every command that reads pages accepts; the defaults fit real pages with room
/// to spare, and exist so hostile input fails with a message instead of exhausting the machine.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: "Largest page file read, in bytes.")
    var maxPageBytes: Int = ParseLimits.default.maxPageBytes

    @Option(name: .long, help: "Most rows in one Fields or Query Parameters table.")
    var maxRows: Int = ParseLimits.default.maxTableRows

    var limits: ParseLimits { ParseLimits(maxPageBytes: maxPageBytes, maxTableRows: maxRows) }

    func validate() throws {
        guard maxPageBytes > 0, maxRows > 0 else { throw ValidationError("limits must be positive") }
    }
}
