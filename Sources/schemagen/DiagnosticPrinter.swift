import Foundation
import SchemaGenKit

/// Prints diagnostics to standard error as `path:line:col: severity: message`.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = diagnostics.map(\.formatted).joined(separator: "\n")
        text += "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

enum StandardOutput {
    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
