import ArgumentParser
import Foundation
import SchemaGenKit

/// `schemagen init`: writes a commented starter `schemagen.yml`, never over an existing file.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter schemagen.yml.",
        discussion: "Refuses to overwrite an existing file."
    )

    @Option(name: .long, help: "Where to write the config.")
    var path: String = SchemaGenConfig.defaultFileName

    func run() throws {
        let data = Data(StarterConfig.text.utf8)
        // Exclusive creation: an existing file (or a file created meanwhile) is never replaced.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it already exists; not overwriting it" : String(cString: strerror(errno))
            DiagnosticPrinter.print([.error("cannot write \(path): \(reason)")])
            throw ExitCode.failure
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: data)
        try handle.close()
        StandardOutput.write(Array("wrote \(path)\n".utf8))
    }
}
