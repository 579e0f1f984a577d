import DDSQLTables
import Dispatch
import Foundation

/// Turns SIGINT into the cancellation of a task, so an interrupted query stops polling and the command exits
/// through its own error path rather than being killed mid-write.
final class Interrupt {
    private let source: any DispatchSourceSignal

    init(cancelling task: Task<RowsPage, any Error>) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
    }

    func stop() {
        source.cancel()
    }
}
